package dev.nabla.nn;

import dev.nabla.Tensor;

/**
 * Group normalisation (PyTorch's {@code nn.GroupNorm}) of {@code [N, C, ...]} inputs: the channels split into
 * {@code numGroups} consecutive groups, each sample's group normalised over its channels and positions, then a
 * per-channel weight (starting at 1) and bias (at 0). It behaves the same in training and evaluation.
 */
public class GroupNorm extends Module {

    private final int numGroups;
    private final int numChannels;
    private final double eps;
    private final AffineParameters affine;

    /** eps 1e-5, with affine parameters (PyTorch's defaults). */
    public GroupNorm(int numGroups, int numChannels) {
        this(numGroups, numChannels, BatchNorm.DEFAULT_EPS, true);
    }

    /**
     * Every option.
     *
     * @throws IllegalArgumentException unless the group count is positive and divides the channel count, and eps > 0
     */
    public GroupNorm(int numGroups, int numChannels, double eps, boolean affine) {
        if (numGroups <= 0 || numChannels <= 0 || numChannels % numGroups != 0 || !(eps > 0)) {
            throw new IllegalArgumentException("GroupNorm: need groups dividing the channels and eps > 0, got numGroups="
                    + numGroups + " numChannels=" + numChannels + " eps=" + eps);
        }
        this.numGroups = numGroups;
        this.numChannels = numChannels;
        this.eps = eps;
        this.affine = AffineParameters.register(this, affine, numChannels);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 2 || x.size(1) != numChannels) {
            throw new IllegalArgumentException("GroupNorm: expected input [N, " + numChannels + ", ...], got shape "
                    + x.shape());
        }
        return Functional.groupNorm(x, numGroups, affine.weightTensor(), affine.biasTensor(), eps);
    }

    @Override
    public String toString() {
        return "GroupNorm(" + numGroups + ", " + numChannels + ", eps=" + eps + (affine.present() ? "" : ", no affine") + ")";
    }
}
