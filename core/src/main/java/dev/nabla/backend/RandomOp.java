package dev.nabla.backend;

/** Distributions for {@link Backend#random}. */
public enum RandomOp {
    /** Uniform on {@code [a, b)}. */
    UNIFORM,
    /** Normal with mean {@code a} and standard deviation {@code b}. */
    NORMAL
}
