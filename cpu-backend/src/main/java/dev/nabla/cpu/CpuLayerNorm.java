package dev.nabla.cpu;

import dev.nabla.backend.Strided;

/**
 * Layer normalisation's normalising part over the last dimension of contiguous rows, one row at a
 * time in double precision (two-pass mean and variance: exact enough for float64 references).
 * Rows are split across threads.
 */
final class CpuLayerNorm {

    private static final int ROW_GRAIN = 16;

    private CpuLayerNorm() {
    }

    static void forward(Strided x, double eps, Strided out, Strided mean, Strided rstd) {
        int cols = x.shape()[x.rank() - 1];
        int rows = x.numel() / cols;
        Object in = CpuBackend.data(x);
        Object result = CpuBackend.data(out);
        Object means = CpuBackend.data(mean);
        Object rstds = CpuBackend.data(rstd);
        Parallel.forRange(rows, ROW_GRAIN, (from, to) -> {
            double[] row = new double[cols];
            double[] stats = new double[2];
            for (int r = from; r < to; r++) {
                Blocks.load(in, x.offset() + r * cols, 1, row, cols);
                double mu = 0;
                for (double v : row) {
                    mu += v;
                }
                mu /= cols;
                double var = 0;
                for (double v : row) {
                    var += (v - mu) * (v - mu);
                }
                double inv = 1 / Math.sqrt(var / cols + eps);
                for (int c = 0; c < cols; c++) {
                    row[c] = (row[c] - mu) * inv;
                }
                Blocks.store(row, cols, result, out.offset() + r * cols, 1);
                stats[0] = mu;
                stats[1] = inv;
                Blocks.store(stats, 0, 1, means, mean.offset() + r, 1);
                Blocks.store(stats, 1, 1, rstds, rstd.offset() + r, 1);
            }
        });
    }

    static void backward(Strided x, Strided mean, Strided rstd, Strided gradOut, Strided gradInput) {
        int cols = x.shape()[x.rank() - 1];
        int rows = x.numel() / cols;
        Object in = CpuBackend.data(x);
        Object grads = CpuBackend.data(gradOut);
        Object result = CpuBackend.data(gradInput);
        Object means = CpuBackend.data(mean);
        Object rstds = CpuBackend.data(rstd);
        Parallel.forRange(rows, ROW_GRAIN, (from, to) -> {
            double[] xhat = new double[cols];
            double[] g = new double[cols];
            double[] stats = new double[2];
            for (int r = from; r < to; r++) {
                Blocks.load(in, x.offset() + r * cols, 1, xhat, cols);
                Blocks.load(grads, gradOut.offset() + r * cols, 1, g, cols);
                Blocks.load(means, mean.offset() + r, 1, stats, 0, 1);
                Blocks.load(rstds, rstd.offset() + r, 1, stats, 1, 1);
                double sumG = 0;
                double sumGX = 0;
                for (int c = 0; c < cols; c++) {
                    xhat[c] = (xhat[c] - stats[0]) * stats[1];
                    sumG += g[c];
                    sumGX += g[c] * xhat[c];
                }
                double meanG = sumG / cols;
                double meanGX = sumGX / cols;
                for (int c = 0; c < cols; c++) {
                    g[c] = stats[1] * (g[c] - meanG - xhat[c] * meanGX);
                }
                Blocks.store(g, cols, result, gradInput.offset() + r * cols, 1);
            }
        });
    }
}
