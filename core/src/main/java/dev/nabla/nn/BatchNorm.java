package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;

/**
 * Batch normalisation over dimension 1 (channels/features), with PyTorch's behaviour: in training
 * it normalises with the batch mean and biased variance and updates the running statistics as
 * {@code running = (1 - momentum)·running + momentum·batch} (the running variance takes the
 * unbiased batch variance); in eval it normalises with the running statistics. Weight starts at
 * 1, bias at 0, running mean at 0 and running variance at 1.
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
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter runningMean;
    private final Parameter runningVar;

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
        if (numFeatures <= 0 || !(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(layer + ": need numFeatures > 0, eps > 0 and momentum in [0, 1], got "
                    + numFeatures + ", " + eps + ", " + momentum);
        }
        this.layer = layer;
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        Device device = Device.best();
        this.weight = affine ? registerParameter("weight", Tensor.ones(DType.FLOAT32, device, numFeatures)) : null;
        this.bias = affine ? registerParameter("bias", Tensor.zeros(DType.FLOAT32, device, numFeatures)) : null;
        this.runningMean = registerBuffer("running_mean", Tensor.zeros(DType.FLOAT32, device, numFeatures));
        this.runningVar = registerBuffer("running_var", Tensor.ones(DType.FLOAT32, device, numFeatures));
    }

    /** Whether {@code rank} is an input rank this layer accepts. */
    protected abstract boolean acceptsRank(int rank);

    /** The accepted input shapes, for messages. */
    protected abstract String expectedShapes();

    /** The scale, or null without affine parameters. */
    public Parameter weight() {
        return weight;
    }

    /** The shift, or null without affine parameters. */
    public Parameter bias() {
        return bias;
    }

    /** The running mean buffer. */
    public Parameter runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance buffer. */
    public Parameter runningVar() {
        return runningVar;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!acceptsRank(x.rank()) || x.size(1) != numFeatures) {
            throw new IllegalArgumentException(layer + ": expected input " + expectedShapes() + " with C=" + numFeatures
                    + ", got shape " + x.shape());
        }
        return Functional.batchNorm(x, runningMean.get(), runningVar.get(), weight == null ? null : weight.get(),
                bias == null ? null : bias.get(), isTraining(), momentum, eps);
    }

    @Override
    public String toString() {
        return layer + "(" + numFeatures + ", eps=" + eps + ", momentum=" + momentum + (weight == null ? ", no affine" : "")
                + ")";
    }
}
