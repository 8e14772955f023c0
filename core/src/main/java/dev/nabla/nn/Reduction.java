package dev.nabla.nn;

/** How a loss turns per-element values into its result. */
public enum Reduction {
    /** Per-element losses, unreduced. */
    NONE,
    /** The mean (for weighted class losses: divided by the summed weights of the counted targets, as PyTorch). */
    MEAN,
    /** The sum. */
    SUM,
    /** The sum divided by the batch size (dimension 0); only for the KL divergence. */
    BATCHMEAN
}
