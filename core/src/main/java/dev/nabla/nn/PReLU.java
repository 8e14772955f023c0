package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;

/** Parametric ReLU: {@code x > 0 ? x : a·x} with a learnable slope, shared or one per channel; starts at 0.25. */
public class PReLU extends Module {

    private final Parameter weight;

    /** One shared slope. */
    public PReLU() {
        this(1, 0.25);
    }

    /**
     * {@code numParameters} slopes (1, or the channel count of dimension 1), all starting at {@code init}.
     */
    public PReLU(int numParameters, double init) {
        if (numParameters <= 0) {
            throw new IllegalArgumentException("PReLU: numParameters must be positive, got " + numParameters);
        }
        this.weight = registerParameter("weight", Tensor.full(init, DType.FLOAT32, Device.best(), numParameters));
    }

    /** The slopes. */
    public Parameter weight() {
        return weight;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Activations.prelu(input, weight.get());
    }

    @Override
    public String toString() {
        return "PReLU(" + weight.get().numel() + ")";
    }
}
