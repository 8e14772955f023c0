package dev.nabla.ml.linear;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.SupervisedLearner;
import java.util.Objects;

/**
 * Ordinary least squares, {@code min_w |y - Xw - b|²}, in closed form without an explicit inverse.
 *
 * @param fitIntercept whether to fit {@code b} (by centring X and y)
 * @param solver how to solve: Cholesky of the device-computed Gram matrix (fast, squares the
 *     condition number) or Householder QR of X on the host (stable for ill-conditioned X)
 */
public record LinearRegression(boolean fitIntercept, Solver solver) implements SupervisedLearner<LinearModel> {

    /** How the least-squares problem is solved. */
    public enum Solver {
        /** Cholesky factorisation of {@code XᵀX} (computed on the device). */
        CHOLESKY,
        /** Householder QR of {@code X} on the host. */
        QR
    }

    /** Validates the settings. */
    public LinearRegression {
        Objects.requireNonNull(solver, "LinearRegression: solver");
    }

    /** With intercept, Cholesky solver. */
    public static LinearRegression defaults() {
        return new LinearRegression(true, Solver.CHOLESKY);
    }

    /** A copy with another solver. */
    public LinearRegression withSolver(Solver value) {
        return new LinearRegression(fitIntercept, value);
    }

    /** A copy with or without intercept. */
    public LinearRegression withIntercept(boolean value) {
        return new LinearRegression(value, solver);
    }

    @Override
    public LinearModel fit(Tensor x, Tensor y) {
        Inputs.requireXy("LinearRegression.fit", x, y);
        CenteredData c = CenteredData.of(x, y, fitIntercept);
        Tensor w = switch (solver) {
            case CHOLESKY -> NormalEquations.solve("LinearRegression.fit", c, 0);
            case QR -> c.qrSolution("LinearRegression.fit");
        };
        return c.model("LinearRegression.fit", w, 0, true);
    }
}
