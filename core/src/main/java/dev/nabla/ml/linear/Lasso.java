package dev.nabla.ml.linear;

import dev.nabla.Tensor;
import dev.nabla.ml.ConvergenceWarning;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.SupervisedLearner;
import dev.nabla.ml.linalg.HostMatrices;
import org.ejml.data.DMatrixRMaj;

/**
 * The lasso, {@code min_w (1/2n)|y - Xw - b|² + α|w|₁}, by cyclic coordinate descent with
 * soft-thresholding. The Gram matrix {@code XᵀX/n} and {@code Xᵀy/n} are computed once on the
 * device, so a sweep costs {@code O(d²)} on the host whatever n is.
 *
 * @param alpha the L1 penalty strength, {@code >= 0}
 * @param fitIntercept whether to fit {@code b}
 * @param maxIterations maximum number of sweeps over the coordinates
 * @param tolerance stop when no coefficient moved more than this in a sweep
 */
public record Lasso(double alpha, boolean fitIntercept, int maxIterations, double tolerance)
        implements SupervisedLearner<LinearModel> {

    /** Validates the settings. */
    public Lasso {
        Inputs.requireNonNegative("Lasso", "alpha", alpha);
        Inputs.requirePositive("Lasso", "maxIterations", maxIterations);
        Inputs.requirePositive("Lasso", "tolerance", tolerance);
    }

    /** Penalty {@code alpha}, with intercept, 1000 sweeps, tolerance 1e-10. */
    public static Lasso of(double alpha) {
        return new Lasso(alpha, true, 1000, 1e-10);
    }

    @Override
    public LinearModel fit(Tensor x, Tensor y) {
        Inputs.requireXy("Lasso.fit", x, y);
        CenteredData c = CenteredData.of(x, y, fitIntercept);
        int n = x.size(0);
        // on features / s and targets / t the coefficients are u = (s/t)·w and the penalty α/(s·t)
        CenteredData.Moments m = c.moments();
        DMatrixRMaj gram = HostMatrices.toHost(m.gram().div(n));
        double[] xy = m.cross().div(n).toDoubleArray();
        double penalty = alpha / (m.xScale() * m.yScale());
        double unit = m.yScale() / m.xScale();
        int d = xy.length;
        double[] w = new double[d];
        // gw[j] = (Gram · w)_j, kept current as coordinates change
        double[] gw = new double[d];
        for (int sweep = 1; sweep <= maxIterations; sweep++) {
            double maxChange = 0;
            for (int j = 0; j < d; j++) {
                double gjj = gram.get(j, j);
                if (gjj == 0) {
                    continue;
                }
                double rho = xy[j] - gw[j] + gjj * w[j];
                double updated = softThreshold(rho, penalty) / gjj;
                double delta = updated - w[j];
                if (delta != 0) {
                    for (int k = 0; k < d; k++) {
                        gw[k] += gram.get(k, j) * delta;
                    }
                    w[j] = updated;
                    maxChange = Math.max(maxChange, Math.abs(delta));
                }
            }
            if (maxChange * unit < tolerance) {
                return c.model("Lasso.fit", m.unscale(vector(w, x)), sweep, true);
            }
        }
        ConvergenceWarning.warn("Lasso.fit", "coordinate descent stopped after " + maxIterations
                + " sweeps; raise maxIterations or tolerance");
        return c.model("Lasso.fit", m.unscale(vector(w, x)), maxIterations, false);
    }

    private static Tensor vector(double[] w, Tensor like) {
        return Tensor.of(w, w.length).to(like.device()).to(like.dtype());
    }

    /** {@code sign(z)·max(|z| - t, 0)}, the proximal operator of {@code t|·|}. */
    static double softThreshold(double z, double t) {
        return Math.signum(z) * Math.max(Math.abs(z) - t, 0);
    }
}
