package dev.nabla.ml.linear;

/** A regulariser on a linear model's weights. */
public enum Penalty {
    /** {@code (λ/2)|w|²}: smooth, shrinks all coefficients. */
    L2,
    /** {@code λ|w|₁}: non-smooth, drives coefficients to zero. */
    L1
}
