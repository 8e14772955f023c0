package dev.nabla.nn;

import dev.nabla.Tensor;

/**
 * Batch normalisation over dimension 1 (channels/features), with PyTorch's behaviour: in training
 * it normalises with the batch mean and biased variance and updates the running statistics as
 * {@code running = (1 - momentum)·running + momentum·batch} (the running variance takes the
 * unbiased batch variance); in eval it normalises with the running statistics. Weight starts at
 * 1, bias at 0, running mean at 0 and running variance at 1; {@code num_batches_tracked} counts training
 * batches, as in PyTorch's state dicts.
 */
public abstract class BatchNorm extends Module {

    /** PyTorch's default epsilon. */
    public static final double DEFAULT_EPS = 1e-5;
    /** PyTorch's default momentum. */
    public static final double DEFAULT_MOMENTUM = 0.1;

    private final String layer;
    private final int numFeatures;
    private final double eps;
    private final double momentum;
    private final AffineParameters affine;
    private final RunningStatistics running;

    /**
     * Creates the parameters and buffers.
     *
     * @param layer the layer name for messages
     * @param numFeatures the size of dimension 1
     * @param eps added to the variance
     * @param momentum the weight of the newest batch in the running statistics
     * @param affine whether to learn a per-feature weight and bias
     */
    protected BatchNorm(String layer, int numFeatures, double eps, double momentum, boolean affine) {
        RunningStatistics.checkOptions(layer, numFeatures, eps, momentum);
        this.layer = layer;
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = AffineParameters.register(this, affine, numFeatures);
        this.running = RunningStatistics.register(this, numFeatures);
    }

    /** Whether {@code rank} is an input rank this layer accepts. */
    protected abstract boolean acceptsRank(int rank);

    /** The accepted input shapes, for messages. */
    protected abstract String expectedShapes();

    /** The scale, or null without affine parameters. */
    public Parameter weight() {
        return affine.weight();
    }

    /** The shift, or null without affine parameters. */
    public Parameter bias() {
        return affine.bias();
    }

    /** The running mean buffer. */
    public Parameter runningMean() {
        return running.meanSlot();
    }

    /** The running (unbiased) variance buffer. */
    public Parameter runningVar() {
        return running.varianceSlot();
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!acceptsRank(x.rank()) || x.size(1) != numFeatures) {
            throw new IllegalArgumentException(layer + ": expected input " + expectedShapes() + " with C=" + numFeatures
                    + ", got shape " + x.shape());
        }
        Tensor y = Functional.batchNorm(x, running.mean(), running.variance(), affine.weightTensor(),
                affine.biasTensor(), isTraining(), momentum, eps);
        if (isTraining()) {
            running.countBatch();
        }
        return y;
    }

    @Override
    public String toString() {
        return layer + "(" + numFeatures + ", eps=" + eps + ", momentum=" + momentum + (affine.present() ? "" : ", no affine")
                + ")";
    }
}
