package dev.nabla.cpu;

import dev.nabla.backend.Strided;

/**
 * Memory-bounded attention forward for operands other than float32 (float32 takes
 * {@link CpuBlockedAttention}): each query row streams over the keys with an online softmax
 * (running max, running sum, running weighted value), so no score matrix is ever stored — the
 * extra memory is a few rows per thread.
 */
final class CpuAttention {

    private static final int ROW_GRAIN = 8;

    private CpuAttention() {
    }

    /** The last key query {@code i} may see (below 0: none): causal alignment puts the last query on the last key. */
    static int lastKey(boolean causal, int i, int lq, int lk) {
        return causal ? Math.min(lk - 1, i + lk - lq) : lk - 1;
    }

    static void forward(Strided q, Strided k, Strided v, Strided keep, boolean causal, double scale, Strided out,
            Strided lse) {
        int batch = q.shape()[0];
        int lq = q.shape()[1];
        int lk = k.shape()[1];
        int d = q.shape()[2];
        int dv = v.shape()[2];
        Object qd = CpuBackend.data(q);
        Object kd = CpuBackend.data(k);
        Object vd = CpuBackend.data(v);
        Object md = keep == null ? null : CpuBackend.data(keep);
        Object od = CpuBackend.data(out);
        Object ld = CpuBackend.data(lse);
        Parallel.forRange(batch * lq, ROW_GRAIN, (from, to) -> {
            double[] qRow = new double[d];
            double[] kRow = new double[d];
            double[] vRow = new double[dv];
            double[] acc = new double[dv];
            double[] maskRow = keep == null ? null : new double[lk];
            double[] one = new double[1];
            for (int row = from; row < to; row++) {
                int b = row / lq;
                int i = row % lq;
                Blocks.load(qd, q.offset() + row * d, 1, qRow, d);
                if (maskRow != null) {
                    Blocks.load(md, keep.offset() + b * keep.strides()[0] + i * keep.strides()[1], keep.strides()[2],
                            maskRow, lk);
                }
                int last = lastKey(causal, i, lq, lk);
                double max = Double.NEGATIVE_INFINITY;
                double sum = 0;
                java.util.Arrays.fill(acc, 0);
                for (int j = 0; j <= last; j++) {
                    if (maskRow != null && maskRow[j] == 0) {
                        continue;
                    }
                    int keyRow = b * lk + j;
                    Blocks.load(kd, k.offset() + keyRow * d, 1, kRow, d);
                    double s = 0;
                    for (int x = 0; x < d; x++) {
                        s += qRow[x] * kRow[x];
                    }
                    s *= scale;
                    Blocks.load(vd, v.offset() + keyRow * dv, 1, vRow, dv);
                    double w;
                    if (s > max) {
                        double correction = Math.exp(max - s);
                        sum *= correction;
                        for (int x = 0; x < dv; x++) {
                            acc[x] *= correction;
                        }
                        max = s;
                        w = 1;
                    } else {
                        w = Math.exp(s - max);
                    }
                    sum += w;
                    for (int x = 0; x < dv; x++) {
                        acc[x] += w * vRow[x];
                    }
                }
                if (sum > 0) {
                    for (int x = 0; x < dv; x++) {
                        acc[x] /= sum;
                    }
                }
                Blocks.store(acc, dv, od, out.offset() + row * dv, 1);
                one[0] = sum > 0 ? max + Math.log(sum) : Double.NEGATIVE_INFINITY;
                Blocks.store(one, 1, ld, lse.offset() + row, 1);
            }
        });
    }
}
