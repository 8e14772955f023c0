package dev.nabla.cpu;

import dev.nabla.backend.Strided;

/** The fused Adam update over contiguous float32 or float64 operands, in double precision, split across threads. */
final class CpuAdam {

    private static final int GRAIN = 1 << 14;
    /** Elements loaded into the double scratch rows at a time. */
    private static final int BLOCK = 1024;

    private CpuAdam() {
    }

    static void step(Strided param, Strided expAvg, Strided expAvgSq, Strided grad, double lr, double beta1,
            double beta2, double eps, double bias1, double bias2) {
        Object p = CpuBackend.data(param);
        Object m = CpuBackend.data(expAvg);
        Object v = CpuBackend.data(expAvgSq);
        Object g = CpuBackend.data(grad);
        int n = param.numel();
        Parallel.forRange(n, GRAIN, (from, to) -> {
            double[] pv = new double[BLOCK];
            double[] mv = new double[BLOCK];
            double[] vv = new double[BLOCK];
            double[] gv = new double[BLOCK];
            for (int start = from; start < to; start += BLOCK) {
                int len = Math.min(BLOCK, to - start);
                Blocks.load(p, param.offset() + start, 1, pv, len);
                Blocks.load(m, expAvg.offset() + start, 1, mv, len);
                Blocks.load(v, expAvgSq.offset() + start, 1, vv, len);
                Blocks.load(g, grad.offset() + start, 1, gv, len);
                for (int i = 0; i < len; i++) {
                    mv[i] = beta1 * mv[i] + (1 - beta1) * gv[i];
                    vv[i] = beta2 * vv[i] + (1 - beta2) * gv[i] * gv[i];
                    pv[i] -= lr * (mv[i] / bias1) / (Math.sqrt(vv[i] / bias2) + eps);
                }
                Blocks.store(pv, len, p, param.offset() + start, 1);
                Blocks.store(mv, len, m, expAvg.offset() + start, 1);
                Blocks.store(vv, len, v, expAvgSq.offset() + start, 1);
            }
        });
    }
}
