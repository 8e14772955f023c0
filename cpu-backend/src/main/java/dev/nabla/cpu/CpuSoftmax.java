package dev.nabla.cpu;

import dev.nabla.backend.Strided;
import dev.nabla.cpu.kernels.FloatExp;
import dev.nabla.cpu.kernels.Simd;

/**
 * Softmax and log-softmax over the last dimension of contiguous rows, one row at a time: one pass
 * for the maximum, one for the exponentials and their sum, one to write. Float32 rows take their
 * exponentials from {@link FloatExp} (the Vector API's, about 9× faster than {@link Math#exp}, within
 * a few ulps of it) and are normalised in float; other dtypes are computed in double. Rows are split
 * across threads.
 */
final class CpuSoftmax {

    /** Rows per task below which splitting costs more than it saves (rows are usually short). */
    private static final int ROW_GRAIN = 64;
    private static final FloatExp EXP = Simd.exp();

    private CpuSoftmax() {
    }

    static void forward(Strided x, boolean log, Strided out) {
        if (CpuBackend.data(x) instanceof float[] in && CpuBackend.data(out) instanceof float[] result) {
            forwardFloat(x, in, log, out, result);
            return;
        }
        int cols = x.shape()[x.rank() - 1];
        int rows = x.numel() / cols;
        Object in = CpuBackend.data(x);
        Object result = CpuBackend.data(out);
        Parallel.forRange(rows, ROW_GRAIN, (from, to) -> {
            double[] row = new double[cols];
            for (int r = from; r < to; r++) {
                Blocks.load(in, x.offset() + r * cols, 1, row, cols);
                // a row of -inf (or all masked) has no finite maximum: shifted by 0 it yields NaN like the composition
                double shift = DoubleMath.expShift(row, cols);
                double sum = DoubleMath.sumExp(row, cols, shift);
                if (log) {
                    double logSum = shift + Math.log(sum);
                    for (int c = 0; c < cols; c++) {
                        row[c] -= logSum;
                    }
                } else {
                    double inv = 1 / sum;
                    for (int c = 0; c < cols; c++) {
                        row[c] = Math.exp(row[c] - shift) * inv;
                    }
                }
                Blocks.store(row, cols, result, out.offset() + r * cols, 1);
            }
        });
    }

    private static void forwardFloat(Strided x, float[] in, boolean log, Strided out, float[] result) {
        int cols = x.shape()[x.rank() - 1];
        int rows = x.numel() / cols;
        Parallel.forRange(rows, ROW_GRAIN, (from, to) -> {
            float[] row = new float[cols];
            for (int r = from; r < to; r++) {
                int xo = x.offset() + r * cols;
                int oo = out.offset() + r * cols;
                float max = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < cols; c++) {
                    max = Math.max(max, in[xo + c]);
                }
                // as in the double path: a row without a finite maximum is shifted by 0 and yields NaN
                float shift = Float.isInfinite(max) ? 0f : max;
                System.arraycopy(in, xo, row, 0, cols);
                double sum = EXP.expShifted(row, 0, cols, shift);
                if (log) {
                    float logSum = (float) (shift + Math.log(sum));
                    for (int c = 0; c < cols; c++) {
                        result[oo + c] = in[xo + c] - logSum;
                    }
                } else {
                    float inv = (float) (1 / sum);
                    for (int c = 0; c < cols; c++) {
                        result[oo + c] = row[c] * inv;
                    }
                }
            }
        });
    }

    static void backward(Strided y, Strided gradOut, boolean log, Strided gradInput) {
        int cols = y.shape()[y.rank() - 1];
        int rows = y.numel() / cols;
        Object yd = CpuBackend.data(y);
        Object gd = CpuBackend.data(gradOut);
        Object result = CpuBackend.data(gradInput);
        Parallel.forRange(rows, ROW_GRAIN, (from, to) -> {
            double[] yr = new double[cols];
            double[] g = new double[cols];
            for (int r = from; r < to; r++) {
                Blocks.load(yd, y.offset() + r * cols, 1, yr, cols);
                Blocks.load(gd, gradOut.offset() + r * cols, 1, g, cols);
                double dot = 0;
                for (int c = 0; c < cols; c++) {
                    dot += log ? g[c] : g[c] * yr[c];
                }
                for (int c = 0; c < cols; c++) {
                    g[c] = log ? g[c] - Math.exp(yr[c]) * dot : yr[c] * (g[c] - dot);
                }
                Blocks.store(g, cols, result, gradInput.offset() + r * cols, 1);
            }
        });
    }
}
