package dev.nabla.ml.optim;

import dev.nabla.Tensor;

/** Backtracking (Armijo) line search shared by the deterministic solvers. */
final class LineSearch {

    private static final double ARMIJO = 1e-4;
    private static final double MIN_STEP = 1e-14;

    private LineSearch() {
    }

    /** The accepted point; {@code step == 0} means no decrease was found along the direction. */
    record Step(double step, Tensor point, double value) {
    }

    /** Halves {@code initialStep} until {@code F(w + t·d) <= F(w) + c·t·∇Fᵀd}. */
    static Step backtrack(FiniteSumObjective f, Tensor w, double value, Tensor gradient, Tensor direction,
            double initialStep) {
        double slope = Gradients.dot(gradient, direction);
        if (slope >= 0) {
            return new Step(0, w, value);
        }
        for (double t = initialStep; t >= MIN_STEP; t /= 2) {
            Tensor candidate = w.add(direction.mul(t));
            double v = Gradients.loss(f, candidate);
            if (v <= value + ARMIJO * t * slope) {
                return new Step(t, candidate, v);
            }
        }
        return new Step(0, w, value);
    }
}
