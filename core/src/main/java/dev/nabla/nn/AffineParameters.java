package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;

/**
 * The optional learned scale ({@code weight}, starting at 1) and shift ({@code bias}, at 0) of a normalisation
 * layer, registered under PyTorch's names; both absent without affine parameters.
 */
final class AffineParameters {

    private final Parameter weight;
    private final Parameter bias;

    private AffineParameters(Parameter weight, Parameter bias) {
        this.weight = weight;
        this.bias = bias;
    }

    /** Registers {@code weight} and {@code bias} of {@code shape} on {@code owner}, or nothing when not affine. */
    static AffineParameters register(Module owner, boolean affine, int... shape) {
        if (!affine) {
            return new AffineParameters(null, null);
        }
        Device device = Device.best();
        return new AffineParameters(owner.registerParameter("weight", Tensor.ones(DType.FLOAT32, device, shape)),
                owner.registerParameter("bias", Tensor.zeros(DType.FLOAT32, device, shape)));
    }

    /** The weight slot, or null. */
    Parameter weight() {
        return weight;
    }

    /** The bias slot, or null. */
    Parameter bias() {
        return bias;
    }

    /** The weight's current tensor, or null. */
    Tensor weightTensor() {
        return weight == null ? null : weight.get();
    }

    /** The bias's current tensor, or null. */
    Tensor biasTensor() {
        return bias == null ? null : bias.get();
    }

    /** Whether the layer has them. */
    boolean present() {
        return weight != null;
    }
}
