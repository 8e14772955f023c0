package dev.nabla.cpu;

import dev.nabla.backend.Strided;

/**
 * Layer normalisation with its optional weight (gamma) and bias (beta) over the last dimension of
 * contiguous rows, one row at a time in double precision (two-pass mean and variance: exact enough
 * for float64 references), each step a plain loop over a row's doubles that the JIT vectorises.
 * Rows are split across threads; the parameter gradients are summed per chunk of rows, then the
 * chunks' sums are added in chunk order (the same bits for a given thread count).
 */
final class CpuLayerNorm {

    private static final int ROW_GRAIN = 16;

    private CpuLayerNorm() {
    }

    static void forward(Strided x, Strided gamma, Strided beta, double eps, Strided out, Strided mean, Strided rstd) {
        int cols = cols(x);
        int rows = x.numel() / cols;
        double[] scale = parameter(gamma, cols);
        double[] shift = parameter(beta, cols);
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
                if (scale != null) {
                    multiply(row, scale);
                }
                if (shift != null) {
                    for (int c = 0; c < cols; c++) {
                        row[c] += shift[c];
                    }
                }
                Blocks.store(row, cols, result, out.offset() + r * cols, 1);
                stats[0] = mu;
                stats[1] = inv;
                Blocks.store(stats, 0, 1, means, mean.offset() + r, 1);
                Blocks.store(stats, 1, 1, rstds, rstd.offset() + r, 1);
            }
        });
    }

    static void backward(Strided x, Strided mean, Strided rstd, Strided gamma, Strided gradOut, Strided gradInput) {
        int cols = cols(x);
        int rows = x.numel() / cols;
        double[] scale = parameter(gamma, cols);
        Object result = CpuBackend.data(gradInput);
        Parallel.forRange(rows, ROW_GRAIN, (from, to) -> {
            SavedRow row = new SavedRow(x, mean, rstd, gradOut);
            double[] xhat = row.xhat;
            double[] g = row.grad;
            for (int r = from; r < to; r++) {
                double inv = row.load(r);
                if (scale != null) {
                    multiply(g, scale);
                }
                double sumG = 0;
                double sumGX = 0;
                for (int c = 0; c < cols; c++) {
                    sumG += g[c];
                    sumGX += g[c] * xhat[c];
                }
                double meanG = sumG / cols;
                double meanGX = sumGX / cols;
                for (int c = 0; c < cols; c++) {
                    g[c] = inv * (g[c] - meanG - xhat[c] * meanGX);
                }
                Blocks.store(g, cols, result, gradInput.offset() + r * cols, 1);
            }
        });
    }

    /** {@code gradGamma = Σ_rows g·xhat}, {@code gradBeta = Σ_rows g}; either output may be null. */
    static void paramsBackward(Strided x, Strided mean, Strided rstd, Strided gradOut, Strided gradGamma,
            Strided gradBeta) {
        int cols = cols(x);
        int rows = x.numel() / cols;
        int chunks = Math.max(1, Math.min(Parallel.threads(), rows / ROW_GRAIN));
        double[][] sumGX = new double[chunks][cols];
        double[][] sumG = new double[chunks][cols];
        Parallel.forRange(chunks, 1, (from, to) -> {
            SavedRow row = new SavedRow(x, mean, rstd, gradOut);
            double[] xhat = row.xhat;
            double[] g = row.grad;
            for (int k = from; k < to; k++) {
                double[] gx = sumGX[k];
                double[] s = sumG[k];
                int end = (int) ((long) rows * (k + 1) / chunks);
                for (int r = (int) ((long) rows * k / chunks); r < end; r++) {
                    row.load(r);
                    for (int c = 0; c < cols; c++) {
                        gx[c] += g[c] * xhat[c];
                        s[c] += g[c];
                    }
                }
            }
        });
        store(sumGX, gradGamma);
        store(sumG, gradBeta);
    }

    /** Adds the chunks' sums in chunk order into the first and writes it to {@code out}, unless out is null. */
    private static void store(double[][] chunkSums, Strided out) {
        if (out == null) {
            return;
        }
        double[] total = chunkSums[0];
        for (int k = 1; k < chunkSums.length; k++) {
            for (int c = 0; c < total.length; c++) {
                total[c] += chunkSums[k][c];
            }
        }
        Blocks.store(total, total.length, CpuBackend.data(out), out.offset(), 1);
    }

    /** One row of a backward pass, read from the forward input and the output gradient. */
    private static final class SavedRow {

        final double[] xhat;
        final double[] grad;
        private final double[] stats = new double[2];
        private final Strided x;
        private final Strided mean;
        private final Strided rstd;
        private final Strided gradOut;
        private final Object in;
        private final Object grads;
        private final Object means;
        private final Object rstds;

        SavedRow(Strided x, Strided mean, Strided rstd, Strided gradOut) {
            this.x = x;
            this.mean = mean;
            this.rstd = rstd;
            this.gradOut = gradOut;
            this.in = CpuBackend.data(x);
            this.grads = CpuBackend.data(gradOut);
            this.means = CpuBackend.data(mean);
            this.rstds = CpuBackend.data(rstd);
            int cols = cols(x);
            this.xhat = new double[cols];
            this.grad = new double[cols];
        }

        /** Fills {@link #xhat} (recomputed from the saved statistics) and {@link #grad} with row r; returns its rstd. */
        double load(int r) {
            int cols = xhat.length;
            Blocks.load(in, x.offset() + r * cols, 1, xhat, cols);
            Blocks.load(grads, gradOut.offset() + r * cols, 1, grad, cols);
            Blocks.load(means, mean.offset() + r, 1, stats, 0, 1);
            Blocks.load(rstds, rstd.offset() + r, 1, stats, 1, 1);
            double mu = stats[0];
            double inv = stats[1];
            for (int c = 0; c < cols; c++) {
                xhat[c] = (xhat[c] - mu) * inv;
            }
            return inv;
        }
    }

    private static void multiply(double[] row, double[] scale) {
        for (int c = 0; c < row.length; c++) {
            row[c] *= scale[c];
        }
    }

    /** A weight or bias read once into doubles, or null when absent. */
    private static double[] parameter(Strided p, int cols) {
        if (p == null) {
            return null;
        }
        double[] values = new double[cols];
        Blocks.load(CpuBackend.data(p), p.offset(), 1, values, cols);
        return values;
    }

    private static int cols(Strided x) {
        return x.shape()[x.rank() - 1];
    }
}
