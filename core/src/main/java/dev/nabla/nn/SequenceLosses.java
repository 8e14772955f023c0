package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Tensor;

/** Losses over padded token sequences, for language models and sequence-to-sequence training. */
public final class SequenceLosses {

    private SequenceLosses() {
    }

    /**
     * The mean cross-entropy per real token of {@code logits [B, T, V]} against {@code targets [B, T]};
     * positions whose target is {@code padId} contribute nothing and are not counted.
     *
     * @throws IllegalArgumentException for mismatched shapes or non-INT64 targets
     */
    public static Tensor crossEntropy(Tensor logits, Tensor targets, long padId) {
        if (logits.rank() != 3 || targets.rank() != 2 || logits.size(0) != targets.size(0)
                || logits.size(1) != targets.size(1)) {
            throw new IllegalArgumentException("sequenceCrossEntropy: expected logits [B, T, V] and targets [B, T], got "
                    + logits.shape() + " and " + targets.shape());
        }
        if (targets.dtype() != DType.INT64) {
            throw new IllegalArgumentException("sequenceCrossEntropy: targets must be int64 token ids, got "
                    + targets.dtype().id());
        }
        return Losses.crossEntropy(logits.permute(0, 2, 1), targets, null, padId, 0, Reduction.MEAN);
    }

    /** Perplexity {@code exp(mean cross-entropy per token)}, from a loss in nats. */
    public static double perplexity(double meanCrossEntropy) {
        return Math.exp(meanCrossEntropy);
    }
}
