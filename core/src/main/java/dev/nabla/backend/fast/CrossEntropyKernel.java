package dev.nabla.backend.fast;

import dev.nabla.backend.Strided;

/**
 * Fast path for cross-entropy of logits {@code [N, C]} against INT64 class indices {@code [N]}, without class
 * weights or label smoothing: log-softmax and the pick in one pass forward, softmax minus one-hot in one pass
 * backward. Core has checked the labels' range (every target is in {@code [0, C)} or the ignore index). A backend
 * may decline a call by returning false from the forward without writing; core then composes the loss from
 * Tensor ops.
 */
public interface CrossEntropyKernel extends FastPath {

    /**
     * {@code loss[n] = logsumexp(logits[n]) − logits[n, target[n]]}, 0 where {@code target[n] == ignoreIndex}, and
     * the row logsumexp for the backward pass.
     *
     * @param logits {@code [N, C]} floating, contiguous
     * @param target {@code [N]} INT64, any stride
     * @param ignoreIndex the target value that contributes nothing
     * @param loss {@code [N]} of the logits' dtype, contiguous, overwritten
     * @param logsumexp {@code [N]} of the logits' dtype, contiguous, overwritten
     * @return whether the outputs were written
     */
    boolean crossEntropyForward(Strided logits, Strided target, long ignoreIndex, Strided loss, Strided logsumexp);

    /**
     * {@code gradLogits[n, c] = gradLoss[n] · (exp(logits[n, c] − logsumexp[n]) − [c == target[n]])}, 0 for
     * ignored rows; called only after a forward that returned true.
     *
     * @param gradLoss {@code [N]}, contiguous
     * @param gradLogits {@code [N, C]}, contiguous, overwritten
     */
    void crossEntropyBackward(Strided logits, Strided logsumexp, Strided target, long ignoreIndex, Strided gradLoss,
            Strided gradLogits);
}
