package dev.nabla.backend.fast;

import dev.nabla.backend.Strided;

/**
 * Fast path for the normalising part of layer normalisation over the last dimension of contiguous
 * rows ({@code cols = shape[rank - 1]}): one read of each row for its mean and biased variance
 * instead of the composed mean, subtract, square, mean, add, sqrt and divide passes. The affine
 * weight and bias are applied by core. Operands share one floating dtype; outputs are overwritten.
 */
public interface LayerNormKernel {

    /**
     * {@code out = (x - mean) * rstd} per row, with {@code rstd = 1 / sqrt(var + eps)}.
     *
     * @param x the input rows
     * @param eps added to the variance
     * @param out x's shape
     * @param mean one value per row ({@code numel(x) / cols} elements)
     * @param rstd one value per row
     */
    void layerNorm(Strided x, double eps, Strided out, Strided mean, Strided rstd);

    /**
     * The input gradient {@code rstd (g - mean(g) - xhat mean(g xhat))} per row, with
     * {@code xhat = (x - mean) rstd} recomputed from the saved statistics.
     *
     * @param x the forward input
     * @param mean the forward's row means
     * @param rstd the forward's row reciprocal standard deviations
     * @param gradOut the output gradient g, x's shape
     * @param gradInput x's shape
     */
    void layerNormBackward(Strided x, Strided mean, Strided rstd, Strided gradOut, Strided gradInput);
}
