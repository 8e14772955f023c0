package dev.nabla.cpu;

import dev.nabla.backend.Strided;
import dev.nabla.cpu.kernels.FloatExp;
import dev.nabla.cpu.kernels.MatrixStrides;
import dev.nabla.cpu.kernels.Sgemm;
import dev.nabla.cpu.kernels.Simd;
import dev.nabla.cpu.kernels.ThreadBuffers;
import java.util.Arrays;

/**
 * Float32 attention forward in blocks (the flash-attention schedule on the CPU): a block of 64
 * query rows meets the keys 256 at a time; the block's scores come from one GEMM, an online softmax
 * (running row max and sum) turns them into weights in place, and a second GEMM adds weights ·
 * values into the block's accumulator. Scratch is one score block, one accumulator and the row
 * statistics per thread, so memory stays independent of the sequence length; under a causal mask
 * the key blocks past a query block's last visible key are skipped. {@link CpuAttention}'s row loop
 * does one dot product at a time (2–3 GFLOP/s); this runs the arithmetic on the packed GEMM.
 */
final class CpuBlockedAttention {

    private static final int QUERY_BLOCK = 64;
    private static final int KEY_BLOCK = 256;
    /** Per thread: scores/weights, the output accumulator, the row maxima and sums. */
    private static final ThreadBuffers SCRATCH = new ThreadBuffers(3);
    private static final FloatExp EXP = Simd.exp();

    private CpuBlockedAttention() {
    }

    /** Same contract as {@link dev.nabla.backend.fast.AttentionKernel#attentionForward}, float32 q, k, v, out and lse. */
    static void forward(Strided q, Strided k, Strided v, Strided keep, boolean causal, double scale, Strided out,
            Strided lse) {
        Problem p = new Problem(q, k, v, keep, causal, scale, out, lse);
        int blocks = (p.lq + QUERY_BLOCK - 1) / QUERY_BLOCK;
        Parallel.forRange(p.batch * blocks, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                int i0 = (t % blocks) * QUERY_BLOCK;
                p.queryBlock(t / blocks, i0, Math.min(p.lq, i0 + QUERY_BLOCK));
            }
        });
    }

    /** One call's operands and sizes. */
    private static final class Problem {
        final int batch;
        final int lq;
        final int lk;
        final int d;
        final int dv;
        final float[] qd;
        final float[] kd;
        final float[] vd;
        final Object keepData;
        final Strided keep;
        final boolean causal;
        final double scale;
        final float[] od;
        final float[] ld;
        final Strided q;
        final Strided k;
        final Strided v;
        final Strided out;
        final Strided lse;

        Problem(Strided q, Strided k, Strided v, Strided keep, boolean causal, double scale, Strided out, Strided lse) {
            this.batch = q.shape()[0];
            this.lq = q.shape()[1];
            this.lk = k.shape()[1];
            this.d = q.shape()[2];
            this.dv = v.shape()[2];
            this.qd = (float[]) CpuBackend.data(q);
            this.kd = (float[]) CpuBackend.data(k);
            this.vd = (float[]) CpuBackend.data(v);
            this.keepData = keep == null ? null : CpuBackend.data(keep);
            this.keep = keep;
            this.causal = causal;
            this.scale = scale;
            this.od = (float[]) CpuBackend.data(out);
            this.ld = (float[]) CpuBackend.data(lse);
            this.q = q;
            this.k = k;
            this.v = v;
            this.out = out;
            this.lse = lse;
        }

        void queryBlock(int b, int i0, int i1) {
            int rows = i1 - i0;
            float[] s = SCRATCH.get(0, QUERY_BLOCK * KEY_BLOCK);
            float[] acc = SCRATCH.get(1, QUERY_BLOCK * dv);
            float[] stats = SCRATCH.get(2, 2 * QUERY_BLOCK);
            double[] keepRow = keep == null ? null : new double[KEY_BLOCK];
            Arrays.fill(acc, 0, rows * dv, 0f);
            Arrays.fill(stats, 0, rows, Float.NEGATIVE_INFINITY);
            Arrays.fill(stats, QUERY_BLOCK, QUERY_BLOCK + rows, 0f);
            int end = CpuAttention.lastKey(causal, i1 - 1, lq, lk) + 1;
            for (int j0 = 0; j0 < end; j0 += KEY_BLOCK) {
                int cols = Math.min(KEY_BLOCK, end - j0);
                Sgemm.multiplyBatched(1, rows, cols, d, qd, new int[] {q.offset() + (b * lq + i0) * d},
                        MatrixStrides.rowMajor(d), kd, new int[] {k.offset() + (b * lk + j0) * d},
                        MatrixStrides.transposed(d), 0f, s, new int[] {0}, cols, false);
                for (int r = 0; r < rows; r++) {
                    softmaxStep(b, i0 + r, j0, cols, s, r * cols, stats, r, acc, r * dv, keepRow);
                }
                Sgemm.multiplyBatched(1, rows, dv, cols, s, new int[] {0}, MatrixStrides.rowMajor(cols), vd,
                        new int[] {v.offset() + (b * lk + j0) * dv}, MatrixStrides.rowMajor(dv), 1f, acc, new int[] {0},
                        dv, false);
            }
            for (int r = 0; r < rows; r++) {
                int row = b * lq + i0 + r;
                float max = stats[r];
                float sum = stats[QUERY_BLOCK + r];
                float inv = sum > 0 ? 1 / sum : 0;
                for (int x = 0; x < dv; x++) {
                    od[out.offset() + row * dv + x] = acc[r * dv + x] * inv;
                }
                ld[lse.offset() + row] = sum > 0 ? (float) (max + Math.log(sum)) : Float.NEGATIVE_INFINITY;
            }
        }

        /**
         * Turns row {@code i}'s scores for keys {@code j0 .. j0 + cols} into weights {@code exp(score - max)}
         * (0 where hidden) against the updated running max, and rescales the row's sum and accumulator to it.
         */
        private void softmaxStep(int b, int i, int j0, int cols, float[] s, int at, float[] stats, int r, float[] acc,
                int accAt, double[] keepRow) {
            int last = CpuAttention.lastKey(causal, i, lq, lk);
            if (keepRow != null) {
                int[] st = keep.strides();
                Blocks.load(keepData, keep.offset() + b * st[0] + i * st[1] + j0 * st[2], st[2], keepRow, cols);
            }
            float blockMax = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                boolean hidden = j0 + c > last || keepRow != null && keepRow[c] == 0;
                float score = hidden ? Float.NEGATIVE_INFINITY : (float) (s[at + c] * scale);
                s[at + c] = score;
                blockMax = Math.max(blockMax, score);
            }
            if (blockMax == Float.NEGATIVE_INFINITY) {
                Arrays.fill(s, at, at + cols, 0f);
                return;
            }
            float max = Math.max(stats[r], blockMax);
            float correction = (float) Math.exp(stats[r] - max);
            double sum = EXP.expShifted(s, at, cols, max);
            stats[r] = max;
            stats[QUERY_BLOCK + r] = (float) (stats[QUERY_BLOCK + r] * correction + sum);
            if (correction != 1f) {
                for (int x = 0; x < dv; x++) {
                    acc[accAt + x] *= correction;
                }
            }
        }
    }
}
