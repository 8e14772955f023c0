package dev.nabla.ml.optim;

/**
 * The few vector operations the solvers do on the host. Parameter vectors are small (features ×
 * classes), so each is a short loop here instead of a Tensor op with its fixed cost.
 */
final class HostVectors {

    private HostVectors() {
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** The largest magnitude, {@code max |a_i|}. */
    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** {@code Σ |a_i|}. */
    static double sumAbs(double[] a) {
        double s = 0;
        for (double v : a) {
            s += Math.abs(v);
        }
        return s;
    }

    /** {@code y += alpha · x}, in place. */
    static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += alpha * x[i];
        }
    }

    /** {@code x + alpha · d} as a new array. */
    static double[] along(double[] x, double alpha, double[] d) {
        double[] out = x.clone();
        axpy(alpha, d, out);
        return out;
    }

    /** {@code a - b} as a new array. */
    static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    /** {@code alpha · a} as a new array. */
    static double[] scaled(double alpha, double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = alpha * a[i];
        }
        return out;
    }
}
