package dev.nabla.nn;

/** Instance normalisation of {@code [N, C, H, W]} (or unbatched {@code [C, H, W]}) inputs over each plane. */
public class InstanceNorm2d extends InstanceNorm {

    /** PyTorch's defaults: eps 1e-5, momentum 0.1, no affine parameters, no running statistics. */
    public InstanceNorm2d(int numFeatures) {
        this(numFeatures, BatchNorm.DEFAULT_EPS, BatchNorm.DEFAULT_MOMENTUM, false, false);
    }

    /** Every option. */
    public InstanceNorm2d(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        super("InstanceNorm2d", numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    protected int batchedRank() {
        return 4;
    }

    @Override
    protected String expectedShapes() {
        return "[N, C, H, W] or [C, H, W]";
    }
}
