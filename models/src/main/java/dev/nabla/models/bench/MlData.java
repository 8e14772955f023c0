package dev.nabla.models.bench;

import dev.nabla.backend.CounterRng;

/**
 * The classical-ML benchmark's data, generated bit for bit as {@code bench/sklearn_bench.py} generates
 * it, so both sides fit the same numbers: every value is a pure function of counter-based uniforms
 * ({@link CounterRng#uniform}, SplitMix64's finaliser, which NumPy computes the same way in uint64) combined
 * by additions and multiplications in a fixed order (no transcendental function whose last bit could
 * differ between libraries).
 *
 * <p>Rows {@code 0..n-1} train, the next {@code queries} rows are k-NN queries. Row i belongs to blob
 * {@code c = floor(10·u(2, i))} and is {@code centre_c + noise}, each centre coordinate uniform on
 * [-1.5, 1.5], the noise a sum of four uniforms (variance 1). The logistic target is
 * {@code [x·β + e > 0]} and the ridge target {@code x·β + e}, with {@code β_j} uniform on
 * [-0.25, 0.25] and e again four-uniform noise; {@code x·β} is summed in column order.
 */
final class MlData {

    static final int FEATURES = 50;
    static final int CLUSTERS = 10;
    private static final long CENTRES = 1;
    private static final long BLOBS = 2;
    private static final long NOISE = 3;
    private static final long BETA = 4;
    private static final long TARGET_NOISE = 5;
    private static final long INIT = 6;
    private static final double ROOT3 = Math.sqrt(3);

    private MlData() {
    }

    /**
     * The generated set.
     *
     * @param x rows {@code [rows, 50]}, row-major
     * @param blob each row's blob (the k-NN class)
     * @param label the logistic target, 0 or 1
     * @param target the ridge target
     * @param rows the number of rows
     */
    record Set(double[] x, long[] blob, long[] label, double[] target, int rows) {
    }

    /** Rows {@code 0..rows-1} of the benchmark's data. */
    static Set generate(int rows) {
        int d = FEATURES;
        double[] centres = new double[CLUSTERS * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = 3 * (CounterRng.uniform(CENTRES, i) - 0.5);
        }
        double[] beta = new double[d];
        for (int j = 0; j < d; j++) {
            beta[j] = 0.5 * (CounterRng.uniform(BETA, j) - 0.5);
        }
        double[] x = new double[rows * d];
        long[] blob = new long[rows];
        long[] label = new long[rows];
        double[] target = new double[rows];
        for (int i = 0; i < rows; i++) {
            int c = (int) Math.floor(CLUSTERS * CounterRng.uniform(BLOBS, i));
            blob[i] = c;
            double score = 0;
            for (int j = 0; j < d; j++) {
                double v = centres[c * d + j] + noise(NOISE, (long) i * d + j);
                x[i * d + j] = v;
                score += v * beta[j];
            }
            target[i] = score + noise(TARGET_NOISE, i);
            label[i] = target[i] > 0 ? 1 : 0;
        }
        return new Set(x, blob, label, target, rows);
    }

    /** The k-means and GMM starting rows: {@code floor(n·u(6, c))} for each cluster c. */
    static long[] initialRows(int n) {
        long[] rows = new long[CLUSTERS];
        for (int c = 0; c < CLUSTERS; c++) {
            rows[c] = (long) Math.floor(n * CounterRng.uniform(INIT, c));
        }
        return rows;
    }

    /** {@code (u0 + u1 + u2 + u3 - 2)·√3}: mean 0, variance 1, summed left to right. */
    private static double noise(long stream, long m) {
        double s = CounterRng.uniform(stream, 4 * m);
        s += CounterRng.uniform(stream, 4 * m + 1);
        s += CounterRng.uniform(stream, 4 * m + 2);
        s += CounterRng.uniform(stream, 4 * m + 3);
        return (s - 2) * ROOT3;
    }
}
