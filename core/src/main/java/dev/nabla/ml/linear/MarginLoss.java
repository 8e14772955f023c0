package dev.nabla.ml.linear;

import dev.nabla.Tensor;

/** A loss of the signed margin {@code m = y·f(x)} with labels {@code y ∈ {-1, +1}}, with its first two derivatives. */
public enum MarginLoss {
    /**
     * {@code log(1 + e^{-m})}, evaluated stably as {@code logsumexp(0, -m)} (smooth at 0, unlike the
     * {@code relu(-m) + log(1 + e^{-|m|})} form whose autograd derivative vanishes at {@code m = 0}).
     */
    LOGISTIC,
    /** {@code max(0, 1 - m)}, the SVM's hinge ("L1 loss" in liblinear's terms). */
    HINGE,
    /** {@code max(0, 1 - m)²}, the squared hinge ("L2 loss"), scikit-learn's default for {@code LinearSVC}. */
    SQUARED_HINGE;

    /** The elementwise loss of {@code margins}; differentiable (a subgradient for the hinge). */
    public Tensor apply(Tensor margins) {
        return switch (this) {
            case LOGISTIC -> Tensor.stack(-1, Tensor.zerosLike(margins), margins.neg()).logsumexp(new int[] {-1}, false);
            case HINGE -> margins.rsub(1).relu();
            case SQUARED_HINGE -> margins.rsub(1).relu().pow(2);
        };
    }

    /**
     * The loss's value elementwise, for evaluation only: the logistic loss as
     * {@code relu(-m) + log(1 + e^{-|m|})}, a third of the passes {@link #apply}'s stacked log-sum-exp makes
     * (whose form is kept for autograd, where this one's derivative vanishes at 0).
     */
    public Tensor value(Tensor margins) {
        if (this == LOGISTIC) {
            return margins.neg().relu().add(margins.abs().neg().exp().add(1).log());
        }
        return apply(margins);
    }

    /** {@code loss'(m)} elementwise (for the hinge, the subgradient that is 0 at the kink). */
    public Tensor derivative(Tensor margins) {
        return switch (this) {
            case LOGISTIC -> margins.neg().sigmoid().neg();
            case HINGE -> margins.lt(1).neg();
            case SQUARED_HINGE -> margins.rsub(1).relu().mul(-2);
        };
    }

    /** {@code loss''(m)} elementwise (the generalised second derivative, 0 for the hinge). */
    public Tensor curvature(Tensor margins) {
        return switch (this) {
            case LOGISTIC -> {
                Tensor p = margins.sigmoid();
                yield p.mul(p.rsub(1));
            }
            case HINGE -> Tensor.zerosLike(margins);
            case SQUARED_HINGE -> margins.lt(1).mul(2);
        };
    }
}
