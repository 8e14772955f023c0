package dev.nabla.backend;

/**
 * Elementwise functions of two operands that every backend implements; comparisons yield 1 or 0.
 *
 * <p>INT64 operands compute exactly in 64-bit two's complement: ADD, SUB, MUL and POW wrap on overflow, as
 * PyTorch's int64 does. DIV truncates toward zero for INT64 (core never sends it: true division of integers
 * runs in float). An INT64 DIV, FLOOR_DIVIDE or REMAINDER by zero yields 0 (core raises before calling), and
 * {@code Long.MIN_VALUE} divided by −1 wraps to {@code Long.MIN_VALUE} with remainder 0, as Java's
 * {@code Math.floorDiv}. A negative INT64 exponent gives 1 for base 1, ±1 for base −1 and 0 otherwise
 * (PyTorch's rule for tensor exponents).
 */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAX, MIN, EQ, NE, LT, LE, GT, GE,
    /**
     * {@code floor(a / b)}: Python's {@code //} and {@code torch.floor_divide}. For floats, PyTorch's
     * formula ({@code (a − fmod(a, b)) / b} corrected toward the floor); a zero divisor gives IEEE {@code a / b}.
     */
    FLOOR_DIVIDE,
    /**
     * {@code a − b·floor(a / b)}, with the sign of the divisor: Python's {@code %} and {@code torch.remainder}.
     * For floats {@code fmod(a, b)}, plus {@code b} when the signs differ; a zero divisor gives NaN.
     */
    REMAINDER;

    /** Whether the op yields 1/0 truth values. */
    public boolean isComparison() {
        return compareTo(EQ) >= 0 && compareTo(GE) <= 0;
    }
}
