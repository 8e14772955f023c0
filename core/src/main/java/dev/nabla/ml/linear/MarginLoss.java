package dev.nabla.ml.linear;

import dev.nabla.Tensor;

/** A loss of the signed margin {@code m = y·f(x)} with labels {@code y ∈ {-1, +1}}. */
public enum MarginLoss {
    /**
     * {@code log(1 + e^{-m})}, evaluated stably as {@code logsumexp(0, -m)} (smooth at 0, unlike the
     * {@code relu(-m) + log(1 + e^{-|m|})} form whose autograd derivative vanishes at {@code m = 0}).
     */
    LOGISTIC,
    /** {@code max(0, 1 - m)}, the SVM's hinge. */
    HINGE;

    /** The elementwise loss of {@code margins}; differentiable (a subgradient for the hinge). */
    public Tensor apply(Tensor margins) {
        return switch (this) {
            case LOGISTIC -> Tensor.stack(-1, Tensor.zerosLike(margins), margins.neg()).logsumexp(new int[] {-1}, false);
            case HINGE -> margins.rsub(1).relu();
        };
    }
}
