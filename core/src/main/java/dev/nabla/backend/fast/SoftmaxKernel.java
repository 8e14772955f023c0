package dev.nabla.backend.fast;

import dev.nabla.backend.Strided;

/**
 * Fast path for softmax and log-softmax over the last dimension: one read of each row for its
 * maximum and sum of exponentials instead of the separate max, subtract, exp, sum and divide
 * passes of the composed form. Operands are contiguous, of one floating dtype, with rows of
 * {@code cols = shape[rank - 1]} elements; outputs are fully overwritten. Without this kernel, core
 * composes the same functions from primitives ({@code x - logsumexp(x)}).
 */
public interface SoftmaxKernel extends FastPath {

    /**
     * {@code out = softmax(x)} or {@code log(softmax(x))} along the last dimension.
     *
     * @param x the input rows
     * @param log log-softmax instead of softmax
     * @param out the output, x's shape
     */
    void softmax(Strided x, boolean log, Strided out);

    /**
     * The input gradient from the forward output {@code y}: {@code dx = y (dy - Σ dy·y)} for softmax,
     * {@code dx = dy - exp(y) Σ dy} for log-softmax (sums along the row).
     *
     * @param y the forward output
     * @param gradOut the output gradient, y's shape
     * @param log whether y came from log-softmax
     * @param gradInput the input gradient, y's shape
     */
    void softmaxBackward(Strided y, Strided gradOut, boolean log, Strided gradInput);
}
