package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;

/**
 * The buffers a normalisation layer keeps to normalise in evaluation, under PyTorch's names:
 * {@code running_mean} (starting at 0), {@code running_var} (at 1) and {@code num_batches_tracked} (an INT64
 * count of training batches), so a PyTorch state dict with them loads strictly.
 */
final class RunningStatistics {

    private final Parameter mean;
    private final Parameter variance;
    private final Parameter batches;

    private RunningStatistics(Parameter mean, Parameter variance, Parameter batches) {
        this.mean = mean;
        this.variance = variance;
        this.batches = batches;
    }

    /** Registers the three buffers on {@code owner}. */
    static RunningStatistics register(Module owner, int features) {
        Device device = Device.best();
        return new RunningStatistics(owner.registerBuffer("running_mean", Tensor.zeros(DType.FLOAT32, device, features)),
                owner.registerBuffer("running_var", Tensor.ones(DType.FLOAT32, device, features)),
                owner.registerBuffer("num_batches_tracked", Tensor.zeros(DType.INT64, device)));
    }

    /** Checks the options every normalisation layer with running statistics shares. */
    static void checkOptions(String layer, int features, double eps, double momentum) {
        if (features <= 0 || !(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(layer + ": need numFeatures > 0, eps > 0 and momentum in [0, 1], got "
                    + features + ", " + eps + ", " + momentum);
        }
    }

    /** The running mean slot. */
    Parameter meanSlot() {
        return mean;
    }

    /** The running variance slot. */
    Parameter varianceSlot() {
        return variance;
    }

    /** The running mean's current tensor. */
    Tensor mean() {
        return mean.get();
    }

    /** The running variance's current tensor. */
    Tensor variance() {
        return variance.get();
    }

    /** Counts one training batch. */
    void countBatch() {
        try (GradMode ignored = Autograd.noGradScope()) {
            Tensor count = batches.get();
            count.copyFrom(count.add(1));
        }
    }
}
