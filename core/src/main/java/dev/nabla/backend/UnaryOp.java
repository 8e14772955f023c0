package dev.nabla.backend;

/**
 * Elementwise functions of one operand that every backend implements. On INT64 operands NEG, ABS, SIGN, RELU and
 * FLOOR (the identity) are exact ({@code -Long.MIN_VALUE} and its absolute value wrap to itself), NONFINITE is 0, and
 * the rest are evaluated in double and narrowed as Java's {@code (long)} (core promotes those to float first).
 */
public enum UnaryOp {
    NEG, EXP, LOG, SQRT, ABS, SIGN, SIGMOID, TANH, RELU, SIN, COS, ERF, FLOOR,
    /** 1 where the operand is NaN or infinite, else 0. */
    NONFINITE,
    /** {@code log(1 + x)}, accurate for small {@code x}. */
    LOG1P,
    /** {@code e^x - 1}, accurate for small {@code x}. */
    EXPM1
}
