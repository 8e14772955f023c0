package dev.nabla.ml.decomposition;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.Transformer;

/**
 * A fitted PCA.
 *
 * @param mean the training mean {@code [d]}
 * @param components principal axes as rows {@code [k, d]}, by decreasing variance
 * @param explainedVariance the variance along each axis {@code [k]} (sample variance, n - 1)
 * @param explainedVarianceRatio each axis's share of the total variance {@code [k]}
 */
public record PcaModel(Tensor mean, Tensor components, Tensor explainedVariance, Tensor explainedVarianceRatio)
        implements Transformer {

    /** Coordinates {@code [n, k]} of the centred rows along the components. */
    @Override
    public Tensor transform(Tensor x) {
        Inputs.requireFeatures("PcaModel.transform", x, mean.size(0));
        return x.sub(mean.to(x.dtype())).matmul(components.to(x.dtype()).t());
    }

    /** Rows {@code [n, d]} reconstructed from coordinates {@code [n, k]}: exact when k = d. */
    public Tensor inverseTransform(Tensor z) {
        if (z.rank() != 2 || z.size(1) != components.size(0)) {
            throw new IllegalArgumentException("PcaModel.inverseTransform: expected coordinates [n, "
                    + components.size(0) + "], got shape " + z.shape());
        }
        return z.matmul(components.to(z.dtype())).add(mean.to(z.dtype()));
    }
}
