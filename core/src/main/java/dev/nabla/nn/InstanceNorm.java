package dev.nabla.nn;

import dev.nabla.Tensor;

/**
 * Instance normalisation with PyTorch's behaviour and defaults (no affine parameters, no running statistics):
 * each sample's channel is normalised over its positions. With {@code trackRunningStats} the running mean and
 * variance follow the batches in training ({@code running = (1 - momentum)·running + momentum·batch average}) and
 * normalise in evaluation; without, instance statistics are used in both modes. Unbatched inputs (no N) are
 * accepted as PyTorch does.
 */
public abstract class InstanceNorm extends Module {

    private final String layer;
    private final int numFeatures;
    private final double eps;
    private final double momentum;
    private final AffineParameters affine;
    private final RunningStatistics running;

    /**
     * Creates the optional parameters and buffers.
     *
     * @param layer the layer name for messages
     * @param numFeatures the channel count C
     * @param eps added to the variance
     * @param momentum the weight of the newest batch in the running statistics
     * @param affine whether to learn a per-channel weight (starting at 1) and bias (at 0)
     * @param trackRunningStats whether to keep running statistics for evaluation
     */
    protected InstanceNorm(String layer, int numFeatures, double eps, double momentum, boolean affine,
            boolean trackRunningStats) {
        RunningStatistics.checkOptions(layer, numFeatures, eps, momentum);
        this.layer = layer;
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = AffineParameters.register(this, affine, numFeatures);
        this.running = trackRunningStats ? RunningStatistics.register(this, numFeatures) : null;
    }

    /** The rank of a batched input ({@code [N, C, L]}: 3, {@code [N, C, H, W]}: 4). */
    protected abstract int batchedRank();

    /** The accepted input shapes, for messages. */
    protected abstract String expectedShapes();

    @Override
    public Tensor forward(Tensor x) {
        boolean unbatched = x.rank() == batchedRank() - 1;
        Tensor batched = unbatched ? x.unsqueeze(0) : x;
        if (batched.rank() != batchedRank() || batched.size(1) != numFeatures) {
            throw new IllegalArgumentException(layer + ": expected input " + expectedShapes() + " with C=" + numFeatures
                    + ", got shape " + x.shape());
        }
        boolean training = isTraining();
        Tensor y = Functional.instanceNorm(batched, running == null ? null : running.mean(),
                running == null ? null : running.variance(), affine.weightTensor(), affine.biasTensor(),
                training || running == null, momentum, eps);
        if (running != null && training) {
            running.countBatch();
        }
        return unbatched ? y.squeeze(0) : y;
    }

    @Override
    public String toString() {
        return layer + "(" + numFeatures + ", eps=" + eps + ", momentum=" + momentum + (affine.present() ? ", affine" : "")
                + (running == null ? "" : ", tracking running stats") + ")";
    }
}
