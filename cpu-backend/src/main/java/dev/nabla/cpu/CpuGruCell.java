package dev.nabla.cpu;

import dev.nabla.backend.Strided;

/** The fused GRU cell: one pass per batch row over the projections and the state, in double precision. */
final class CpuGruCell {

    private static final int ROW_GRAIN = 4;

    private CpuGruCell() {
    }

    /** One batch row's inputs, loaded into double buffers, and the gates of its current unit. */
    private static final class Row {
        final double[] x;
        final double[] p;
        final double[] h;
        private final int hidden;
        double r;
        double z;
        double n;

        Row(int hidden) {
            this.hidden = hidden;
            x = new double[3 * hidden];
            p = new double[3 * hidden];
            h = new double[hidden];
        }

        void load(Object xd, Strided xProj, Object pd, Strided hProj, Object hd, Strided state, int b) {
            Blocks.load(xd, xProj.offset() + b * 3 * hidden, 1, x, 3 * hidden);
            Blocks.load(pd, hProj.offset() + b * 3 * hidden, 1, p, 3 * hidden);
            Blocks.load(hd, state.offset() + b * hidden, 1, h, hidden);
        }

        /** Sets r, z and n of unit j. */
        void gates(int j) {
            r = DoubleMath.sigmoid(x[j] + p[j]);
            z = DoubleMath.sigmoid(x[hidden + j] + p[hidden + j]);
            n = Math.tanh(x[2 * hidden + j] + r * p[2 * hidden + j]);
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
            Row row = new Row(hidden);
            double[] res = new double[hidden];
            for (int b = from; b < to; b++) {
                row.load(xd, xProj, pd, hProj, hd, h, b);
                for (int j = 0; j < hidden; j++) {
                    row.gates(j);
                    res[j] = (1 - row.z) * row.n + row.z * row.h[j];
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
            Row row = new Row(hidden);
            double[] g = new double[hidden];
            double[] dx = new double[3 * hidden];
            double[] dp = new double[3 * hidden];
            double[] dh = new double[hidden];
            for (int b = from; b < to; b++) {
                row.load(xd, xProj, pd, hProj, hd, h, b);
                Blocks.load(gd, gradHNew.offset() + b * hidden, 1, g, hidden);
                for (int j = 0; j < hidden; j++) {
                    row.gates(j);
                    double r = row.r;
                    double z = row.z;
                    double n = row.n;
                    double dn = g[j] * (1 - z) * (1 - n * n);
                    double dr = dn * row.p[2 * hidden + j] * r * (1 - r);
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
