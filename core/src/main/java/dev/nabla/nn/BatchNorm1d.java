package dev.nabla.nn;

/** Batch normalisation of {@code [N, C]} or {@code [N, C, L]} inputs over the batch (and length). */
public class BatchNorm1d extends BatchNorm {

    /** Defaults: eps 1e-5, momentum 0.1, affine. */
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, DEFAULT_EPS, DEFAULT_MOMENTUM, true);
    }

    /** Every option. */
    public BatchNorm1d(int numFeatures, double eps, double momentum, boolean affine) {
        super("BatchNorm1d", numFeatures, eps, momentum, affine);
    }

    @Override
    protected boolean acceptsRank(int rank) {
        return rank == 2 || rank == 3;
    }

    @Override
    protected String expectedShapes() {
        return "[N, C] or [N, C, L]";
    }
}
