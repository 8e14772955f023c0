package dev.nabla.ml.optim;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;

/**
 * Full-batch gradient descent with a backtracking line search (the step grows again after each
 * accepted one, so a good step size is rediscovered cheaply).
 *
 * @param maxIterations iteration limit
 * @param tolerance stop when the gradient norm falls below this
 */
public record GradientDescent(int maxIterations, double tolerance) implements FiniteSumSolver {

    /** Validates the settings. */
    public GradientDescent {
        Inputs.requirePositive("GradientDescent", "maxIterations", maxIterations);
        Inputs.requirePositive("GradientDescent", "tolerance", tolerance);
    }

    @Override
    public SolverResult minimize(FiniteSumObjective objective, Tensor initial) {
        Tensor w = initial.detach();
        double step = 1;
        for (int it = 0; it < maxIterations; it++) {
            Gradients.ValueAndGradient vg = Gradients.of(objective::loss, w);
            if (Gradients.norm(vg.gradient()) < tolerance) {
                return new SolverResult(w, vg.value(), it, true);
            }
            LineSearch.Step s = LineSearch.backtrack(objective, w, vg.value(), vg.gradient(), vg.gradient().neg(), step * 2);
            if (s.step() == 0) {
                return new SolverResult(w, vg.value(), it, false);
            }
            step = s.step();
            w = s.point();
        }
        return new SolverResult(w, Gradients.loss(objective, w), maxIterations,
                Gradients.gradientNorm(objective, w) < tolerance);
    }
}
