package dev.nabla.nn;

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
    private final AffineParameters affine;

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
        this.affine = AffineParameters.register(this, elementwiseAffine, normalizedShape);
    }

    /** The scale, or null without affine parameters. */
    public Parameter weight() {
        return affine.weight();
    }

    /** The shift, or null without affine parameters. */
    public Parameter bias() {
        return affine.bias();
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.layerNorm(input, normalizedShape, affine.weightTensor(), affine.biasTensor(), eps);
    }

    @Override
    public String toString() {
        return "LayerNorm(" + Arrays.toString(normalizedShape) + ", eps=" + eps + (affine.present() ? "" : ", no affine")
                + ")";
    }
}
