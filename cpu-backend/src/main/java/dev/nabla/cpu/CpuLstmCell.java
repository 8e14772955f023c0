package dev.nabla.cpu;

import dev.nabla.backend.Strided;

/**
 * The fused LSTM cell: one pass per batch row over gates and state, in double precision; all-float32
 * operands go to {@link FloatLstmCell}.
 */
final class CpuLstmCell {

    private static final int ROW_GRAIN = 4;

    private CpuLstmCell() {
    }

    private static double sigmoid(double x) {
        return DoubleMath.sigmoid(x);
    }

    static void forward(Strided gates, Strided c, Strided hc) {
        int batch = c.shape()[0];
        int hidden = c.shape()[1];
        Object gd = CpuBackend.data(gates);
        Object cd = CpuBackend.data(c);
        Object out = CpuBackend.data(hc);
        if (gd instanceof float[] g && cd instanceof float[] cf && out instanceof float[] o) {
            FloatLstmCell.forward(g, gates.offset(), cf, c.offset(), o, hc.offset(), batch, hidden);
            return;
        }
        Parallel.forRange(batch, ROW_GRAIN, (from, to) -> {
            double[] a = new double[4 * hidden];
            double[] cRow = new double[hidden];
            double[] res = new double[2 * hidden];
            for (int b = from; b < to; b++) {
                Blocks.load(gd, gates.offset() + b * 4 * hidden, 1, a, 4 * hidden);
                Blocks.load(cd, c.offset() + b * hidden, 1, cRow, hidden);
                for (int j = 0; j < hidden; j++) {
                    double cNew = sigmoid(a[hidden + j]) * cRow[j] + sigmoid(a[j]) * Math.tanh(a[2 * hidden + j]);
                    res[j] = sigmoid(a[3 * hidden + j]) * Math.tanh(cNew);
                    res[hidden + j] = cNew;
                }
                Blocks.store(res, 2 * hidden, out, hc.offset() + b * 2 * hidden, 1);
            }
        });
    }

    static void backward(Strided gates, Strided c, Strided hc, Strided gradHc, Strided gradGates, Strided gradC) {
        int batch = c.shape()[0];
        int hidden = c.shape()[1];
        Object gd = CpuBackend.data(gates);
        Object cd = CpuBackend.data(c);
        Object hcd = CpuBackend.data(hc);
        Object gin = CpuBackend.data(gradHc);
        Object gGates = CpuBackend.data(gradGates);
        Object gC = CpuBackend.data(gradC);
        if (gd instanceof float[] g && cd instanceof float[] cf && hcd instanceof float[] h && gin instanceof float[] gh
                && gGates instanceof float[] dg && gC instanceof float[] dc) {
            FloatLstmCell.backward(g, gates.offset(), cf, c.offset(), h, hc.offset(), gh, gradHc.offset(), dg,
                    gradGates.offset(), dc, gradC.offset(), batch, hidden);
            return;
        }
        Parallel.forRange(batch, ROW_GRAIN, (from, to) -> {
            double[] a = new double[4 * hidden];
            double[] cRow = new double[hidden];
            double[] out = new double[2 * hidden];
            double[] g = new double[2 * hidden];
            double[] da = new double[4 * hidden];
            double[] dcPrev = new double[hidden];
            for (int b = from; b < to; b++) {
                Blocks.load(gd, gates.offset() + b * 4 * hidden, 1, a, 4 * hidden);
                Blocks.load(cd, c.offset() + b * hidden, 1, cRow, hidden);
                Blocks.load(hcd, hc.offset() + b * 2 * hidden, 1, out, 2 * hidden);
                Blocks.load(gin, gradHc.offset() + b * 2 * hidden, 1, g, 2 * hidden);
                for (int j = 0; j < hidden; j++) {
                    double i = sigmoid(a[j]);
                    double f = sigmoid(a[hidden + j]);
                    double gg = Math.tanh(a[2 * hidden + j]);
                    double o = sigmoid(a[3 * hidden + j]);
                    double tc = Math.tanh(out[hidden + j]);
                    double dc = g[hidden + j] + g[j] * o * (1 - tc * tc);
                    da[j] = dc * gg * i * (1 - i);
                    da[hidden + j] = dc * cRow[j] * f * (1 - f);
                    da[2 * hidden + j] = dc * i * (1 - gg * gg);
                    da[3 * hidden + j] = g[j] * tc * o * (1 - o);
                    dcPrev[j] = dc * f;
                }
                Blocks.store(da, 4 * hidden, gGates, gradGates.offset() + b * 4 * hidden, 1);
                Blocks.store(dcPrev, hidden, gC, gradC.offset() + b * hidden, 1);
            }
        });
    }
}
