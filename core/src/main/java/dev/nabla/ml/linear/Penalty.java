package dev.nabla.ml.linear;

import dev.nabla.Tensor;

/** A regulariser {@code R(w)} on the masked (non-intercept) parameters. */
public enum Penalty {
    /** {@code (λ/2)|w|²}: smooth, shrinks all coefficients. */
    L2,
    /** {@code λ|w|₁}: non-smooth, drives coefficients to zero. */
    L1;

    /** {@code R(w)} as a differentiable scalar; {@code mask} broadcasts over {@code w}'s first dimension. */
    public Tensor apply(Tensor w, Tensor mask, double strength) {
        Tensor m = w.rank() == 1 ? mask : mask.unsqueeze(1);
        return switch (this) {
            case L2 -> w.mul(w).mul(m).sum().mul(strength / 2);
            case L1 -> w.abs().mul(m).sum().mul(strength);
        };
    }
}
