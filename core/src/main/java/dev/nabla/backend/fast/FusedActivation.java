package dev.nabla.backend.fast;

/**
 * The activations a backend may fuse with a bias add ({@link BiasActivationKernel}). Each one's
 * derivative is a function of its output alone, so the backward pass needs no saved input.
 */
public enum FusedActivation {
    /** {@code max(v, 0)}, NaN kept; derivative {@code y > 0 ? 1 : 0}. */
    RELU,
    /** {@code 1 / (1 + e^-v)}; derivative {@code y (1 - y)}. */
    SIGMOID,
    /** {@code tanh(v)}; derivative {@code 1 - y²}. */
    TANH
}
