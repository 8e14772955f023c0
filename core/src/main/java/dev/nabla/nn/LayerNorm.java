package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import java.util.Arrays;

/**
 * Layer normalisation over the trailing dimensions given by {@code normalizedShape}, with an
 * optional elementwise affine transform (weight initialised to 1, bias to 0, like PyTorch).
 */
public class LayerNorm extends Module {

    /** PyTorch's default epsilon. */
    public static final double DEFAULT_EPS = 1e-5;

    private final int[] normalizedShape;
    private final double eps;
    private final Parameter weight;
    private final Parameter bias;

    /** Normalises over the trailing dimensions {@code normalizedShape}, eps 1e-5, with affine parameters. */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, DEFAULT_EPS, true);
    }

    /**
     * A layer norm with full control.
     *
     * @param normalizedShape the trailing shape to normalise over
     * @param eps added to the variance for stability
     * @param elementwiseAffine whether to learn a per-element weight and bias
     */
    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        if (normalizedShape.length == 0 || Arrays.stream(normalizedShape).anyMatch(s -> s <= 0) || !(eps > 0)) {
            throw new IllegalArgumentException("LayerNorm: need a non-empty positive shape and eps > 0, got "
                    + Arrays.toString(normalizedShape) + " and eps=" + eps);
        }
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        Device device = Device.best();
        this.weight = elementwiseAffine
                ? registerParameter("weight", Tensor.ones(DType.FLOAT32, device, normalizedShape)) : null;
        this.bias = elementwiseAffine
                ? registerParameter("bias", Tensor.zeros(DType.FLOAT32, device, normalizedShape)) : null;
    }

    /** The scale, or null without affine parameters. */
    public Parameter weight() {
        return weight;
    }

    /** The shift, or null without affine parameters. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.layerNorm(input, normalizedShape, weight == null ? null : weight.get(),
                bias == null ? null : bias.get(), eps);
    }

    @Override
    public String toString() {
        return "LayerNorm(" + Arrays.toString(normalizedShape) + ", eps=" + eps + (weight == null ? ", no affine" : "")
                + ")";
    }
}
