package dev.nabla.ml;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;

/** Seeded synthetic data sets with known structure, shared by the ML tests. */
public final class Data {

    private Data() {
    }

    /** A float64 standard-normal matrix on the CPU. */
    public static Tensor normal(long seed, int rows, int cols) {
        return Tensor.normal(new Generator(seed), 0, 1, DType.FLOAT64, Device.CPU, rows, cols);
    }

    /** A float64 vector on the CPU. */
    public static Tensor vector(double... values) {
        return Tensor.of(values, values.length).to(Device.CPU);
    }

    /** An INT64 label vector on the CPU. */
    public static Tensor labels(int... values) {
        return Tensor.ofIndices(values, values.length).to(Device.CPU);
    }

    /** A float64 matrix on the CPU. */
    public static Tensor matrix(double[][] rows) {
        return Tensor.of(rows).to(Device.CPU);
    }

    /** Row {@code i} of a row-major {@code [n, d]} array. */
    public static double[] row(double[] flat, int d, int i) {
        double[] r = new double[d];
        System.arraycopy(flat, i * d, r, 0, d);
        return r;
    }

    /**
     * Gaussian blobs: {@code perCluster} points around each centre with the given spread.
     *
     * @return features {@code [k·perCluster, d]} and INT64 labels {@code 0..k-1}
     */
    public static Tensor[] blobs(long seed, double[][] centres, int perCluster, double spread) {
        int k = centres.length;
        int d = centres[0].length;
        double[] noise = normal(seed, k * perCluster, d).toDoubleArray();
        double[] x = new double[k * perCluster * d];
        int[] y = new int[k * perCluster];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < perCluster; i++) {
                int r = c * perCluster + i;
                y[r] = c;
                for (int j = 0; j < d; j++) {
                    x[r * d + j] = centres[c][j] + spread * noise[r * d + j];
                }
            }
        }
        return new Tensor[] {Tensor.of(x, k * perCluster, d).to(Device.CPU), labels(y)};
    }

    /**
     * Two concentric circles (radii 1 and 3) with radial noise: label 0 inside, 1 outside. No line separates them.
     *
     * @return features {@code [2·perCircle, 2]} and INT64 labels
     */
    public static Tensor[] circles(long seed, int perCircle, double noise) {
        Generator gen = new Generator(seed);
        double[] x = new double[4 * perCircle];
        int[] y = new int[2 * perCircle];
        for (int i = 0; i < 2 * perCircle; i++) {
            double radius = (i < perCircle ? 1 : 3) + noise * (gen.nextDouble() - 0.5);
            double angle = 2 * Math.PI * gen.nextDouble();
            x[2 * i] = radius * Math.cos(angle);
            x[2 * i + 1] = radius * Math.sin(angle);
            y[i] = i < perCircle ? 0 : 1;
        }
        return new Tensor[] {Tensor.of(x, 2 * perCircle, 2).to(Device.CPU), labels(y)};
    }

    /** Solves the small dense system {@code A x = b} by Gaussian elimination with partial pivoting (reference). */
    public static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = m[i][n];
            for (int j = i + 1; j < n; j++) {
                s -= m[i][j] * x[j];
            }
            x[i] = s / m[i][i];
        }
        return x;
    }
}
