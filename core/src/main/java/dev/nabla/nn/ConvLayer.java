package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import java.util.Arrays;

/**
 * The parameters shared by convolution layers, initialised like PyTorch: the weight by
 * Kaiming-uniform with {@code a = sqrt(5)} (bound {@code 1/sqrt(fanIn)}) and the bias uniform in
 * {@code ±1/sqrt(fanIn)}, drawing from the global generator.
 */
public abstract class ConvLayer extends Module {

    private final Parameter weight;
    private final Parameter bias;

    /**
     * Creates the parameters.
     *
     * @param layer the layer name for messages
     * @param inChannels input channels (divisible by groups)
     * @param outChannels output channels (divisible by groups)
     * @param groups channel groups
     * @param weightShape the weight's shape
     * @param biasSize the bias length, or 0 for none
     */
    protected ConvLayer(String layer, int inChannels, int outChannels, int groups, int[] weightShape, int biasSize) {
        if (inChannels <= 0 || outChannels <= 0 || groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0
                || Arrays.stream(weightShape).anyMatch(s -> s <= 0)) {
            throw new IllegalArgumentException(layer + ": channels must be positive and divisible by groups, and the kernel "
                    + "positive; got in=" + inChannels + " out=" + outChannels + " groups=" + groups + " weight "
                    + Arrays.toString(weightShape));
        }
        Generator gen = Generator.global();
        Device device = Device.best();
        Tensor w = Tensor.zeros(DType.FLOAT32, device, weightShape);
        Init.kaimingUniform(w, Math.sqrt(5), Init.FanMode.FAN_IN, Init.Nonlinearity.LEAKY_RELU, gen);
        this.weight = registerParameter("weight", w);
        double bound = 1 / Math.sqrt(Init.fans(w)[0]);
        this.bias = biasSize == 0 ? null
                : registerParameter("bias", Tensor.uniform(gen, -bound, bound, DType.FLOAT32, device, biasSize));
    }

    /** The weight. */
    public Parameter weight() {
        return weight;
    }

    /** The bias, or null. */
    public Parameter bias() {
        return bias;
    }

    /** The current bias tensor, or null. */
    protected Tensor biasTensor() {
        return bias == null ? null : bias.get();
    }
}
