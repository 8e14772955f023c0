package dev.nabla.cpu.kernels;

import dev.nabla.cpu.Parallel;

/**
 * Double matrix-vector product {@code y = A·x} over any strides. A packed GEMM would copy all of A
 * into panels and then fill one column of each 6 × 8 register tile, which made a matrix-vector
 * product over 200,000 × 50 rows cost four passes over A; this reads A once. Rows that are
 * contiguous take a dot product each (four accumulators), parallel over blocks of rows; columns
 * that are contiguous (A a transposed view, as in {@code Xᵀr}) take axpys over fixed chunks of
 * columns whose partial sums are added in chunk order, so the result does not depend on the
 * thread count.
 */
public final class Dgemv {

    /** Rows per parallel task of the dot-product form. */
    private static final int ROW_GRAIN = 1024;
    /** Columns per partial sum of the axpy form (fixed, so summation order never depends on threads). */
    private static final int COLUMN_CHUNK = 4096;

    private Dgemv() {
    }

    /**
     * {@code y[yOff + i] = Σ_p A[i, p] · x[xOff + p·xs]} for {@code i < m}, {@code p < k}.
     *
     * @param as A's row and column strides
     * @param xs x's stride
     */
    public static void multiply(int m, int k, double[] a, int aOff, MatrixStrides as, double[] x, int xOff, int xs,
            double[] y, int yOff) {
        if (as.row() == 1 && as.col() != 1) {
            byColumns(m, k, a, aOff, as.col(), x, xOff, xs, y, yOff);
            return;
        }
        Parallel.forRange(m, ROW_GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[yOff + i] = dot(k, a, aOff + i * as.row(), as.col(), x, xOff, xs);
            }
        });
    }

    private static double dot(int k, double[] a, int at, int step, double[] x, int xAt, int xs) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int p = 0;
        if (step == 1 && xs == 1) {
            for (; p + 3 < k; p += 4) {
                s0 += a[at + p] * x[xAt + p];
                s1 += a[at + p + 1] * x[xAt + p + 1];
                s2 += a[at + p + 2] * x[xAt + p + 2];
                s3 += a[at + p + 3] * x[xAt + p + 3];
            }
        }
        for (; p < k; p++) {
            s0 += a[at + p * step] * x[xAt + p * xs];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code y = Σ_p x_p · A[:, p]} with each column of A contiguous (row stride 1, column stride {@code ld}). */
    private static void byColumns(int m, int k, double[] a, int aOff, int ld, double[] x, int xOff, int xs, double[] y,
            int yOff) {
        int chunks = (k + COLUMN_CHUNK - 1) / COLUMN_CHUNK;
        double[][] partial = new double[chunks][];
        Parallel.forRange(chunks, 1, (from, to) -> {
            for (int c = from; c < to; c++) {
                double[] sum = new double[m];
                for (int p = c * COLUMN_CHUNK, end = Math.min(k, p + COLUMN_CHUNK); p < end; p++) {
                    double v = x[xOff + p * xs];
                    int col = aOff + p * ld;
                    for (int i = 0; i < m; i++) {
                        sum[i] += v * a[col + i];
                    }
                }
                partial[c] = sum;
            }
        });
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (double[] part : partial) {
                s += part[i];
            }
            y[yOff + i] = s;
        }
    }
}
