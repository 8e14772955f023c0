package dev.nabla.ml.cluster;

/** How the E-step assigns rows to components. */
public enum EmVariant {
    /** Posterior responsibilities (classic EM). */
    SOFT,
    /** Each row wholly to its most probable component (classification EM). */
    HARD
}
