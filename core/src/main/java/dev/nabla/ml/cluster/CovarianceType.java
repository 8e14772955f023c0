package dev.nabla.ml.cluster;

/** The shape of each mixture component's covariance. */
public enum CovarianceType {
    /** A full {@code d × d} covariance per component. */
    FULL,
    /** A diagonal covariance (per-feature variances) per component. */
    DIAGONAL
}
