package dev.nabla.ml.optim;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;

/**
 * Full-batch gradient descent with a strong-Wolfe line search whose first trial is twice the last
 * accepted step, so a good step size is rediscovered cheaply. The slope condition is read from
 * gradients, which stay accurate where differences of F drown in rounding, so the iterates keep
 * approaching the optimum down to tight gradient tolerances.
 *
 * @param maxIterations iteration limit
 * @param tolerance stop when the gradient's Euclidean norm falls below this
 */
public record GradientDescent(int maxIterations, double tolerance) implements FiniteSumSolver {

    /** Validates the settings. */
    public GradientDescent {
        Inputs.requirePositive("GradientDescent", "maxIterations", maxIterations);
        Inputs.requirePositive("GradientDescent", "tolerance", tolerance);
    }

    @Override
    public SolverResult minimize(FiniteSumObjective objective, Tensor initial) {
        HostObjective f = new HostObjective(objective, initial);
        HostObjective.Point x = f.at(initial.detach().toDoubleArray());
        double step = 1;
        for (int it = 0; it < maxIterations; it++) {
            if (HostVectors.norm(x.gradient()) < tolerance) {
                return new SolverResult(f.tensor(x.w()), x.value(), it, true);
            }
            double[] direction = HostVectors.scaled(-1, x.gradient());
            HostObjective.Point next = WolfeLineSearch.search(f, x, direction, 2 * step);
            if (next == null) {
                return new SolverResult(f.tensor(x.w()), x.value(), it, false);
            }
            step = HostVectors.norm(HostVectors.minus(next.w(), x.w())) / HostVectors.norm(direction);
            x = next;
        }
        return new SolverResult(f.tensor(x.w()), x.value(), maxIterations, HostVectors.norm(x.gradient()) < tolerance);
    }
}
