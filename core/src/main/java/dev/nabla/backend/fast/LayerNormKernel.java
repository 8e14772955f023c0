package dev.nabla.backend.fast;

import dev.nabla.backend.Strided;

/**
 * Fast path for layer normalisation over the last dimension of contiguous rows
 * ({@code cols = shape[rank - 1]}), with its optional elementwise affine weight (gamma) and bias
 * (beta): one read of each row for its mean and biased variance instead of the composed mean,
 * subtract, square, mean, add, sqrt, divide, multiply and add passes, and one pass over all rows
 * for both parameter gradients. Operands share one floating dtype and device; gamma and beta are
 * contiguous {@code [cols]}; outputs are overwritten.
 */
public interface LayerNormKernel extends FastPath {

    /**
     * {@code out = (x - mean) * rstd * gamma + beta} per row, with {@code rstd = 1 / sqrt(var + eps)}.
     *
     * @param x the input rows
     * @param gamma the weight, {@code [cols]}, or null for none (a weight of ones)
     * @param beta the bias, {@code [cols]}, or null for none (a bias of zeros)
     * @param eps added to the variance
     * @param out x's shape
     * @param mean one value per row ({@code numel(x) / cols} elements)
     * @param rstd one value per row
     */
    void layerNorm(Strided x, Strided gamma, Strided beta, double eps, Strided out, Strided mean, Strided rstd);

    /**
     * The input gradient {@code rstd (g - mean(g) - xhat mean(g xhat))} per row, with
     * {@code g = gradOut * gamma} and {@code xhat = (x - mean) rstd} recomputed from the saved statistics.
     *
     * @param x the forward input
     * @param mean the forward's row means
     * @param rstd the forward's row reciprocal standard deviations
     * @param gamma the forward's weight, {@code [cols]}, or null for none
     * @param gradOut the output gradient, x's shape
     * @param gradInput x's shape
     */
    void layerNormBackward(Strided x, Strided mean, Strided rstd, Strided gamma, Strided gradOut, Strided gradInput);

    /**
     * The parameter gradients summed over all rows: {@code gradGamma = Σ_rows gradOut · xhat} and
     * {@code gradBeta = Σ_rows gradOut}, with {@code xhat = (x - mean) rstd} recomputed from the saved statistics.
     *
     * @param x the forward input
     * @param mean the forward's row means
     * @param rstd the forward's row reciprocal standard deviations
     * @param gradOut the output gradient, x's shape
     * @param gradGamma {@code [cols]}, or null when the weight's gradient is not wanted
     * @param gradBeta {@code [cols]}, or null when the bias's gradient is not wanted
     */
    void layerNormParamsBackward(Strided x, Strided mean, Strided rstd, Strided gradOut, Strided gradGamma,
            Strided gradBeta);
}
