package dev.nabla.backend;

/** Elementwise functions of two operands that every backend implements; comparisons yield 1 or 0. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAX, MIN, EQ, NE, LT, LE, GT, GE;

    /** Whether the op yields 1/0 truth values. */
    public boolean isComparison() {
        return ordinal() >= EQ.ordinal();
    }
}
