package dev.nabla.backend.fast;

import dev.nabla.backend.Strided;

/**
 * Fast path for the gradients of scaled dot-product attention, recomputed from the forward's output and
 * row logsumexp one key or query block at a time, so that no {@code Lq × Lk} matrix
 * is stored. A backend may decline a call (for example a dtype or head size its kernels do not cover):
 * it then returns false without writing, and core computes the gradients from Tensor ops.
 */
public interface AttentionBackwardKernel extends FastPath {

    /**
     * With {@code P = softmax(q kᵀ · scale)} over the visible keys (masked as in
     * {@link AttentionKernel#attentionForward}; a row with none has {@code P = 0}),
     * {@code dP = gradOut vᵀ} and {@code dS = P ∘ (dP − rowsum(gradOut ∘ out))}: {@code gradQ = scale · dS k},
     * {@code gradK = scale · dSᵀ q}, {@code gradV = Pᵀ gradOut}.
     *
     * @param q {@code [B, Lq, D]}, contiguous
     * @param k {@code [B, Lk, D]}, contiguous
     * @param v {@code [B, Lk, Dv]}, contiguous
     * @param keep the forward's keep-mask: null, or 0/1 {@code [B, Lq, Lk]} with any strides
     * @param out the forward's output {@code [B, Lq, Dv]}, contiguous
     * @param logsumexp the forward's row logsumexp {@code [B, Lq]}, contiguous
     * @param gradOut the gradient of {@code out}, contiguous
     * @param causal the forward's causal flag
     * @param scale the forward's score multiplier
     * @param gradQ q's shape, contiguous, overwritten
     * @param gradK k's shape, contiguous, overwritten
     * @param gradV v's shape, contiguous, overwritten
     * @return whether the gradients were written; false leaves every output untouched
     */
    boolean attentionBackward(Strided q, Strided k, Strided v, Strided keep, Strided out, Strided logsumexp,
            Strided gradOut, boolean causal, double scale, Strided gradQ, Strided gradK, Strided gradV);
}
