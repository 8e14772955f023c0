package dev.nabla.ml.linear;

import dev.nabla.Generator;

/**
 * The L2-regularised linear SVM by dual coordinate descent (Hsieh et al., ICML 2008; liblinear's
 * solvers 1 and 3): minimises {@code ½αᵀ(Q + D)α - eᵀα} over {@code 0 <= α_i <= U}, with
 * {@code Q_ij = y_i y_j x_iᵀx_j}, one coordinate at a time in closed form while keeping
 * {@code w = Σ α_i y_i x_i} current, so each step costs two passes over one row. For the hinge
 * ("L1 loss") {@code D = 0, U = C}; for the squared hinge ("L2 loss") {@code D = I/(2C), U = ∞}.
 * Coordinates whose bound looks final are shrunk out of the sweeps and brought back for a last
 * check. Stops when the projected gradient's spread {@code max PG - min PG} over a sweep is at most
 * {@code tolerance}, as liblinear does.
 */
final class DualCoordinateDescent {

    private DualCoordinateDescent() {
    }

    static SvmProblem.Solution solve(SvmProblem p, MarginLoss loss, double tolerance, int maxIterations, long seed) {
        int n = p.rows();
        boolean squared = loss == MarginLoss.SQUARED_HINGE;
        double diagonal = squared ? 0.5 / p.c() : 0;
        double upper = squared ? Double.POSITIVE_INFINITY : p.c();
        double[] qd = new double[n];
        for (int i = 0; i < n; i++) {
            qd[i] = diagonal + p.bias() * p.bias();
            for (int j = 0; j < p.d(); j++) {
                double v = p.x()[i * p.d() + j];
                qd[i] += v * v;
            }
        }
        double[] w = new double[p.width()];
        double[] alpha = new double[n];
        int[] order = SvmProblem.identity(n);
        int active = n;
        double maxOld = Double.POSITIVE_INFINITY;
        double minOld = Double.NEGATIVE_INFINITY;
        Generator gen = new Generator(seed);
        for (int iteration = 1; iteration <= maxIterations; iteration++) {
            double maxNew = Double.NEGATIVE_INFINITY;
            double minNew = Double.POSITIVE_INFINITY;
            SvmProblem.shuffle(order, active, gen);
            for (int s = 0; s < active; s++) {
                int i = order[s];
                double g = p.y()[i] * p.dot(w, i) - 1 + alpha[i] * diagonal;
                double pg = g;
                if (alpha[i] == 0 || alpha[i] == upper) {
                    boolean atLower = alpha[i] == 0;
                    if (atLower ? g > maxOld : g < minOld) {
                        // stuck at its bound with a gradient pushing outwards: leave it out of the next sweeps
                        active--;
                        order[s] = order[active];
                        order[active] = i;
                        s--;
                        continue;
                    }
                    pg = atLower ? Math.min(g, 0) : Math.max(g, 0);
                }
                maxNew = Math.max(maxNew, pg);
                minNew = Math.min(minNew, pg);
                if (Math.abs(pg) > 1e-12) {
                    double old = alpha[i];
                    alpha[i] = Math.min(Math.max(old - g / qd[i], 0), upper);
                    p.addRow((alpha[i] - old) * p.y()[i], i, w);
                }
            }
            if (maxNew - minNew <= tolerance) {
                if (active == n) {
                    return new SvmProblem.Solution(w, iteration, true);
                }
                // optimal on the shrunk set: check every coordinate once more
                active = n;
                maxOld = Double.POSITIVE_INFINITY;
                minOld = Double.NEGATIVE_INFINITY;
                continue;
            }
            maxOld = maxNew <= 0 ? Double.POSITIVE_INFINITY : maxNew;
            minOld = minNew >= 0 ? Double.NEGATIVE_INFINITY : minNew;
        }
        return new SvmProblem.Solution(w, maxIterations, false);
    }
}
