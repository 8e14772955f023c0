package dev.nabla.ml.optim;

import dev.nabla.Tensor;

/**
 * The outcome of a solver run.
 *
 * @param solution the final parameter vector (detached)
 * @param loss the full objective at {@code solution}
 * @param iterations iterations (deterministic solvers) or epochs (stochastic ones) performed
 * @param converged whether the gradient-norm tolerance was met
 */
public record SolverResult(Tensor solution, double loss, int iterations, boolean converged) {
}
