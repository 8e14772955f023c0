package dev.nabla.backend.fast;

import dev.nabla.backend.Strided;

/**
 * Fast path for the forward pass of scaled dot-product attention. Implementations must not
 * materialise the whole score matrix: they stream over key blocks with an online softmax, so
 * extra memory is O(rows · d), not O(Lq · Lk). A backend whose kernels cover only some calls
 * (dtypes, head sizes) declines the others, and core composes them from Tensor ops on the same
 * device.
 */
public interface AttentionKernel extends FastPath {

    /**
     * {@code out = softmax(q kᵀ · scale + maskBias) v} per batch, and the row-wise logsumexp of
     * the masked, scaled scores (for the backward pass). Rows whose keys are all masked get
     * zeros and a logsumexp of -infinity.
     *
     * @param q {@code [B, Lq, D]}, contiguous
     * @param k {@code [B, Lk, D]}, contiguous
     * @param v {@code [B, Lk, Dv]}, contiguous
     * @param keep null, or a 0/1 keep-mask {@code [B, Lq, Lk]} with any strides (zero strides broadcast)
     * @param causal whether query i may only attend to keys j &lt;= i + (Lk - Lq)
     * @param scale the score multiplier, usually {@code 1/sqrt(D)}
     * @param out {@code [B, Lq, Dv]}, contiguous
     * @param logsumexp {@code [B, Lq]}, contiguous
     * @return whether the kernel served the call; {@code false} means it declined and wrote nothing
     */
    boolean attentionForward(Strided q, Strided k, Strided v, Strided keep, boolean causal, double scale, Strided out,
            Strided logsumexp);
}
