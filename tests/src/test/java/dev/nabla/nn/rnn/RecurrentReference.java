package dev.nabla.nn.rnn;

/**
 * A plain-double implementation of the recurrences straight from the gate equations (PyTorch's
 * documentation), independent of the library: the oracle for the recurrent layer tests.
 */
final class RecurrentReference {

    private RecurrentReference() {
    }

    static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** W [rows][cols] times v [cols], plus b (may be null). */
    static double[] affine(double[][] w, double[] v, double[] b) {
        double[] out = new double[w.length];
        for (int r = 0; r < w.length; r++) {
            double s = b == null ? 0 : b[r];
            for (int k = 0; k < v.length; k++) {
                s += w[r][k] * v[k];
            }
            out[r] = s;
        }
        return out;
    }

    /**
     * Runs one direction over x [T][B][I] for one layer; returns {outputs [T][B][H], hT [B][H], cT [B][H]}.
     * Steps at or beyond lengths[b] keep the state and output zeros.
     */
    static double[][][][] run(String kind, double[][][] x, double[][] wih, double[][] whh, double[] bih, double[] bhh,
            double[][] h0, double[][] c0, boolean reverse, int[] lengths) {
        int steps = x.length;
        int batch = x[0].length;
        int hidden = whh[0].length;
        double[][][] out = new double[steps][batch][hidden];
        double[][] hT = new double[batch][];
        double[][] cT = new double[batch][];
        for (int b = 0; b < batch; b++) {
            double[] h = h0[b].clone();
            double[] c = c0 == null ? new double[hidden] : c0[b].clone();
            int len = lengths == null ? steps : lengths[b];
            for (int i = 0; i < len; i++) {
                int t = reverse ? len - 1 - i : i;
                double[] gx = affine(wih, x[t][b], bih);
                double[] gh = affine(whh, h, bhh);
                double[] hn = new double[hidden];
                double[] cn = new double[hidden];
                for (int j = 0; j < hidden; j++) {
                    switch (kind) {
                        case "tanh" -> hn[j] = Math.tanh(gx[j] + gh[j]);
                        case "relu" -> hn[j] = Math.max(0, gx[j] + gh[j]);
                        case "lstm" -> {
                            double ig = sigmoid(gx[j] + gh[j]);
                            double fg = sigmoid(gx[hidden + j] + gh[hidden + j]);
                            double gg = Math.tanh(gx[2 * hidden + j] + gh[2 * hidden + j]);
                            double og = sigmoid(gx[3 * hidden + j] + gh[3 * hidden + j]);
                            cn[j] = fg * c[j] + ig * gg;
                            hn[j] = og * Math.tanh(cn[j]);
                        }
                        default -> {
                            double r = sigmoid(gx[j] + gh[j]);
                            double z = sigmoid(gx[hidden + j] + gh[hidden + j]);
                            double n = Math.tanh(gx[2 * hidden + j] + r * gh[2 * hidden + j]);
                            hn[j] = (1 - z) * n + z * h[j];
                        }
                    }
                }
                h = hn;
                c = cn;
                out[t][b] = h.clone();
            }
            hT[b] = h;
            cT[b] = c;
        }
        return new double[][][][] {out, {hT}, {cT}};
    }
}
