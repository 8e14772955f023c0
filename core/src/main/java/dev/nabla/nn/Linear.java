package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.backend.fast.FusedActivation;

/**
 * {@code y = x Wᵀ + b} over the last dimension. Initialised like PyTorch: weight and bias
 * uniform in {@code ±1/sqrt(inFeatures)}.
 */
public class Linear extends Module implements ActivationFusible {

    private final int inFeatures;
    private final int outFeatures;
    private final Parameter weight;
    private final Parameter bias;

    /** A layer with bias, on the default device. */
    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    /** A layer with or without bias, on the default device. */
    public Linear(int inFeatures, int outFeatures, boolean bias) {
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("Linear: feature counts must be positive, got in=" + inFeatures
                    + " out=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        double bound = 1.0 / Math.sqrt(inFeatures);
        Generator gen = Generator.global();
        Device device = Device.best();
        this.weight = registerParameter("weight",
                Tensor.uniform(gen, -bound, bound, DType.FLOAT32, device, outFeatures, inFeatures));
        this.bias = bias ? registerParameter("bias", Tensor.uniform(gen, -bound, bound, DType.FLOAT32, device, outFeatures))
                : null;
    }

    /** The weight, shape {@code [out, in]}. */
    public Parameter weight() {
        return weight;
    }

    /** The bias, shape {@code [out]}, or null. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor input) {
        checkInput(input);
        Tensor y = input.matmul(weight.get().t());
        return bias == null ? y : y.add(bias.get());
    }

    @Override
    public boolean fusesActivation() {
        return getClass() == Linear.class;
    }

    @Override
    public Tensor forwardActivated(Tensor input, FusedActivation act) {
        if (bias == null) {
            return BiasActivation.activate(forward(input), act);
        }
        checkInput(input);
        return BiasActivation.apply("Linear", input.matmul(weight.get().t()), bias.get(), -1, act);
    }

    private void checkInput(Tensor input) {
        if (input.rank() == 0 || input.size(-1) != inFeatures) {
            throw new IllegalArgumentException("Linear: expected input with last dimension " + inFeatures + ", got shape "
                    + input.shape());
        }
    }

    @Override
    public String toString() {
        return "Linear(" + inFeatures + " -> " + outFeatures + (bias == null ? ", no bias" : "") + ")";
    }
}
