package dev.nabla.ml.optim;

import dev.nabla.Tensor;

/** A method that minimises a {@link FiniteSumObjective}. */
@FunctionalInterface
public interface FiniteSumSolver {

    /**
     * Minimises {@code objective} starting at {@code initial} (a flat vector; it is not modified).
     *
     * @return the minimiser found with its loss, iteration count and convergence flag
     */
    SolverResult minimize(FiniteSumObjective objective, Tensor initial);
}
