package dev.nabla.nn;

/** Batch normalisation of {@code [N, C, H, W]} inputs over batch and space. */
public class BatchNorm2d extends BatchNorm {

    /** Defaults: eps 1e-5, momentum 0.1, affine. */
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, DEFAULT_EPS, DEFAULT_MOMENTUM, true);
    }

    /** Every option. */
    public BatchNorm2d(int numFeatures, double eps, double momentum, boolean affine) {
        super("BatchNorm2d", numFeatures, eps, momentum, affine);
    }

    @Override
    protected boolean acceptsRank(int rank) {
        return rank == 4;
    }

    @Override
    protected String expectedShapes() {
        return "[N, C, H, W]";
    }
}
