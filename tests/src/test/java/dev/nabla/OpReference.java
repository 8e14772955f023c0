package dev.nabla;

import java.util.function.DoubleBinaryOperator;

/**
 * Naive row-major reference computations over plain {@code double[]} arrays, written
 * independently of the library so op tests can compare against them.
 */
final class OpReference {

    private OpReference() {
    }

    /** Row-major strides of {@code shape}. */
    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = acc;
            acc *= shape[d];
        }
        return s;
    }

    static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The multi-index of row-major position {@code flat} in {@code shape}. */
    static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    /** The position in an array of {@code shape} of the broadcast multi-index {@code outIdx} (aligned right). */
    static int broadcastPosition(int[] outIdx, int[] shape) {
        int lead = outIdx.length - shape.length;
        int pos = 0;
        for (int d = 0; d < shape.length; d++) {
            pos = pos * shape[d] + (shape[d] == 1 ? 0 : outIdx[lead + d]);
        }
        return pos;
    }

    /** {@code op(a, b)} with NumPy broadcasting into {@code outShape}. */
    static double[] broadcast(double[] a, int[] sa, double[] b, int[] sb, int[] outShape, DoubleBinaryOperator op) {
        double[] out = new double[numel(outShape)];
        for (int i = 0; i < out.length; i++) {
            int[] idx = unravel(i, outShape);
            out[i] = op.applyAsDouble(a[broadcastPosition(idx, sa)], b[broadcastPosition(idx, sb)]);
        }
        return out;
    }

    /** Folds {@code x} over the dims flagged in {@code reduced} (kept dims keep size 1) with {@code op} from {@code init}. */
    static double[] reduce(double[] x, int[] shape, boolean[] reduced, double init, DoubleBinaryOperator op) {
        int[] kept = shape.clone();
        for (int d = 0; d < shape.length; d++) {
            if (reduced[d]) {
                kept[d] = 1;
            }
        }
        double[] out = new double[numel(kept)];
        java.util.Arrays.fill(out, init);
        for (int i = 0; i < x.length; i++) {
            int pos = broadcastPosition(unravel(i, shape), kept);
            out[pos] = op.applyAsDouble(out[pos], x[i]);
        }
        return out;
    }

    /** Batched {@code [.., m, k] x [.., k, n]} product of already-broadcast contiguous operands. */
    static double[] matmul(double[] a, double[] b, int batch, int m, int k, int n) {
        double[] out = new double[batch * m * n];
        for (int p = 0; p < batch; p++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int q = 0; q < k; q++) {
                        s += a[p * m * k + i * k + q] * b[p * k * n + q * n + j];
                    }
                    out[p * m * n + i * n + j] = s;
                }
            }
        }
        return out;
    }

    /** Deterministic pseudo-random values in [-2, 2) (a fixed LCG, independent of the library's RNG). */
    static double[] values(int n, long seed) {
        double[] v = new double[n];
        long s = seed * 6364136223846793005L + 1442695040888963407L;
        for (int i = 0; i < n; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            v[i] = ((s >>> 11) * 0x1.0p-53) * 4 - 2;
        }
        return v;
    }
}
