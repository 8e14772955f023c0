package dev.nabla.ml.linear;

import dev.nabla.Tensor;
import dev.nabla.ml.ClassLabels;
import dev.nabla.ml.ConvergenceWarning;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.SupervisedLearner;
import java.util.Objects;

/**
 * A binary linear support vector machine solved as liblinear (and scikit-learn's {@code LinearSVC})
 * solves it: {@code ½|w|² + C Σ loss(y_i(wᵀx_i + b))} by dual coordinate descent for the L2 penalty
 * ({@link DualCoordinateDescent}, hinge or squared hinge), {@code |w|₁ + C Σ sqhinge(...)} by primal
 * coordinate descent for the L1 penalty ({@link L1CoordinateDescent}). The strength is given as
 * {@code λ} of the mean-loss form {@code (1/n) Σ loss + (λ/2)|w|²} ({@code λ|w|₁}), so
 * {@code C = 1/(λ n)}. As in liblinear, the intercept is the weight of a constant feature of value
 * 1 and is penalised with the others. The coordinate updates are sequential by nature, so they run
 * on the host over a copy of X; multi-class problems go through {@link dev.nabla.ml.OneVsRest}.
 *
 * @param lambda penalty strength {@code λ > 0}
 * @param loss {@link MarginLoss#HINGE} ("L1 loss") or {@link MarginLoss#SQUARED_HINGE} ("L2 loss")
 * @param penalty L2 or L1 (L1 requires the squared hinge, as in liblinear)
 * @param fitIntercept whether to learn the bias
 * @param tolerance liblinear's {@code eps}: the dual solver's projected-gradient spread, the primal
 *     solver's relative optimality violation
 * @param maxIterations passes over the coordinates
 * @param seed seed of the coordinate order
 */
public record LinearSvm(double lambda, MarginLoss loss, Penalty penalty, boolean fitIntercept, double tolerance,
        int maxIterations, long seed) implements SupervisedLearner<LinearClassifierModel> {

    /** Validates the settings. */
    public LinearSvm {
        Inputs.requirePositive("LinearSvm", "lambda", lambda);
        Objects.requireNonNull(loss, "LinearSvm: loss");
        Objects.requireNonNull(penalty, "LinearSvm: penalty");
        if (loss == MarginLoss.LOGISTIC) {
            throw new IllegalArgumentException("LinearSvm: loss must be HINGE or SQUARED_HINGE, got LOGISTIC "
                    + "(use LogisticRegression)");
        }
        if (penalty == Penalty.L1 && loss != MarginLoss.SQUARED_HINGE) {
            throw new IllegalArgumentException("LinearSvm: the L1 penalty needs loss SQUARED_HINGE, got " + loss
                    + " (as in liblinear and scikit-learn's LinearSVC)");
        }
        Inputs.requirePositive("LinearSvm", "tolerance", tolerance);
        Inputs.requirePositive("LinearSvm", "maxIterations", maxIterations);
    }

    /**
     * Strength {@code lambda} and {@code penalty}, squared hinge, with bias, tolerance 1e-5, at most 100,000
     * passes, seed 0. liblinear's defaults (1e-4, 1000 passes) stop 2.4e-4 (L2), 2.2e-2 (hinge) and 4.5e-4 (L1)
     * from the optimum on raw digits at C = 0.01; these get within 1e-4, and shrinking keeps the extra passes
     * cheap (tenths of a second there).
     */
    public static LinearSvm of(double lambda, Penalty penalty) {
        return new LinearSvm(lambda, MarginLoss.SQUARED_HINGE, penalty, true, 1e-5, 100_000, 0);
    }

    /** A copy with another loss. */
    public LinearSvm withLoss(MarginLoss value) {
        return new LinearSvm(lambda, value, penalty, fitIntercept, tolerance, maxIterations, seed);
    }

    @Override
    public LinearClassifierModel fit(Tensor x, Tensor y) {
        String op = "LinearSvm.fit";
        Inputs.requireXy(op, x, y);
        ClassLabels classes = ClassLabels.of(op, y);
        int n = x.size(0);
        int d = x.size(1);
        SvmProblem problem = new SvmProblem(x.toDoubleArray(), classes.signs(op, y, x).toDoubleArray(), d,
                fitIntercept ? 1 : 0, 1 / (lambda * n));
        SvmProblem.Solution s = penalty == Penalty.L2
                ? DualCoordinateDescent.solve(problem, loss, tolerance, maxIterations, seed)
                : L1CoordinateDescent.solve(problem, tolerance, maxIterations, seed);
        if (!s.converged()) {
            ConvergenceWarning.warn(op, "coordinate descent stopped after " + s.iterations()
                    + " passes; raise maxIterations or standardise the features");
        }
        double[] w = java.util.Arrays.copyOf(s.w(), d);
        return new LinearClassifierModel(Tensor.of(w, d).to(x.device()).to(x.dtype()), fitIntercept ? s.w()[d] : 0,
                classes, s.iterations(), s.converged());
    }
}
