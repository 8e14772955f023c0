package dev.nabla.nn;

/** Instance normalisation of {@code [N, C, L]} (or unbatched {@code [C, L]}) inputs over the length. */
public class InstanceNorm1d extends InstanceNorm {

    /** PyTorch's defaults: eps 1e-5, momentum 0.1, no affine parameters, no running statistics. */
    public InstanceNorm1d(int numFeatures) {
        this(numFeatures, BatchNorm.DEFAULT_EPS, BatchNorm.DEFAULT_MOMENTUM, false, false);
    }

    /** Every option. */
    public InstanceNorm1d(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        super("InstanceNorm1d", numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    protected int batchedRank() {
        return 3;
    }

    @Override
    protected String expectedShapes() {
        return "[N, C, L] or [C, L]";
    }
}
