package dev.nabla.backend;

/** Elementwise functions of one operand that every backend implements. */
public enum UnaryOp {
    NEG, EXP, LOG, SQRT, ABS, SIGN, SIGMOID, TANH, RELU, SIN, COS, ERF, FLOOR,
    /** 1 where the operand is NaN or infinite, else 0. */
    NONFINITE,
    /** {@code log(1 + x)}, accurate for small {@code x}. */
    LOG1P,
    /** {@code e^x - 1}, accurate for small {@code x}. */
    EXPM1
}
