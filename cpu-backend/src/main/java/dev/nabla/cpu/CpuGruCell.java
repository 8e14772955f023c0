package dev.nabla.cpu;

import dev.nabla.backend.Strided;

/** The fused GRU cell: one pass per batch row over the projections and the state, in double precision. */
final class CpuGruCell {

    private static final int ROW_GRAIN = 4;

    private CpuGruCell() {
    }

    /** One batch row's inputs, loaded into double buffers. */
    private record Row(double[] x, double[] p, double[] h) {

        static Row of(int hidden) {
            return new Row(new double[3 * hidden], new double[3 * hidden], new double[hidden]);
        }

        void load(Object xd, Strided xProj, Object pd, Strided hProj, Object hd, Strided h, int b, int hidden) {
            Blocks.load(xd, xProj.offset() + b * 3 * hidden, 1, x, 3 * hidden);
            Blocks.load(pd, hProj.offset() + b * 3 * hidden, 1, p, 3 * hidden);
            Blocks.load(hd, h.offset() + b * hidden, 1, this.h, hidden);
        }
    }

    static void forward(Strided xProj, Strided hProj, Strided h, Strided hNew) {
        int batch = h.shape()[0];
        int hidden = h.shape()[1];
        Object xd = CpuBackend.data(xProj);
        Object pd = CpuBackend.data(hProj);
        Object hd = CpuBackend.data(h);
        Object out = CpuBackend.data(hNew);
        Parallel.forRange(batch, ROW_GRAIN, (from, to) -> {
            Row row = Row.of(hidden);
            double[] res = new double[hidden];
            for (int b = from; b < to; b++) {
                row.load(xd, xProj, pd, hProj, hd, h, b, hidden);
                for (int j = 0; j < hidden; j++) {
                    double r = DoubleMath.sigmoid(row.x[j] + row.p[j]);
                    double z = DoubleMath.sigmoid(row.x[hidden + j] + row.p[hidden + j]);
                    double n = Math.tanh(row.x[2 * hidden + j] + r * row.p[2 * hidden + j]);
                    res[j] = (1 - z) * n + z * row.h[j];
                }
                Blocks.store(res, hidden, out, hNew.offset() + b * hidden, 1);
            }
        });
    }

    static void backward(Strided xProj, Strided hProj, Strided h, Strided gradHNew, Strided gradXProj,
            Strided gradHProj, Strided gradH) {
        int batch = h.shape()[0];
        int hidden = h.shape()[1];
        Object xd = CpuBackend.data(xProj);
        Object pd = CpuBackend.data(hProj);
        Object hd = CpuBackend.data(h);
        Object gd = CpuBackend.data(gradHNew);
        Object gx = CpuBackend.data(gradXProj);
        Object gp = CpuBackend.data(gradHProj);
        Object gh = CpuBackend.data(gradH);
        Parallel.forRange(batch, ROW_GRAIN, (from, to) -> {
            Row row = Row.of(hidden);
            double[] g = new double[hidden];
            double[] dx = new double[3 * hidden];
            double[] dp = new double[3 * hidden];
            double[] dh = new double[hidden];
            for (int b = from; b < to; b++) {
                row.load(xd, xProj, pd, hProj, hd, h, b, hidden);
                Blocks.load(gd, gradHNew.offset() + b * hidden, 1, g, hidden);
                for (int j = 0; j < hidden; j++) {
                    double r = DoubleMath.sigmoid(row.x[j] + row.p[j]);
                    double z = DoubleMath.sigmoid(row.x[hidden + j] + row.p[hidden + j]);
                    double pn = row.p[2 * hidden + j];
                    double n = Math.tanh(row.x[2 * hidden + j] + r * pn);
                    double dn = g[j] * (1 - z) * (1 - n * n);
                    double dr = dn * pn * r * (1 - r);
                    double dz = g[j] * (row.h[j] - n) * z * (1 - z);
                    dx[j] = dr;
                    dx[hidden + j] = dz;
                    dx[2 * hidden + j] = dn;
                    dp[j] = dr;
                    dp[hidden + j] = dz;
                    dp[2 * hidden + j] = dn * r;
                    dh[j] = g[j] * z;
                }
                Blocks.store(dx, 3 * hidden, gx, gradXProj.offset() + b * 3 * hidden, 1);
                Blocks.store(dp, 3 * hidden, gp, gradHProj.offset() + b * 3 * hidden, 1);
                Blocks.store(dh, hidden, gh, gradH.offset() + b * hidden, 1);
            }
        });
    }
}
