package dev.nabla.nn.attention;

import dev.nabla.Tensor;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Module;

/**
 * Attention of one query vector per batch row over a sequence of keys, as used by
 * encoder-decoder RNNs: subclasses define the score (additive, dot, bilinear); this class
 * masks, normalises and averages the values.
 */
public abstract class SequenceAttention extends Module {

    /**
     * The context vector and the attention weights.
     *
     * @param context {@code [B, Dv]}
     * @param weights {@code [B, L]}, rows summing to 1 over unmasked positions
     */
    public record Result(Tensor context, Tensor weights) {
    }

    /** Unnormalised scores {@code [B, L]} of {@code query [B, Dq]} against {@code keys [B, L, Dk]}. */
    protected abstract Tensor scores(Tensor query, Tensor keys);

    /**
     * Attends {@code query} over {@code keys}, averaging {@code values}.
     *
     * @param query {@code [B, Dq]}
     * @param keys {@code [B, L, Dk]}
     * @param values {@code [B, L, Dv]}
     * @param keep null or a 0/1 mask {@code [B, L]}
     */
    public Result attend(Tensor query, Tensor keys, Tensor values, Tensor keep) {
        String op = getClass().getSimpleName();
        if (query.rank() != 2 || keys.rank() != 3 || values.rank() != 3 || keys.size(0) != query.size(0)
                || values.size(0) != query.size(0) || values.size(1) != keys.size(1)) {
            throw new IllegalArgumentException(op + ": expected query [B, Dq], keys [B, L, Dk], values [B, L, Dv], got "
                    + query.shape() + ", " + keys.shape() + ", " + values.shape());
        }
        Tensor s = scores(query, keys);
        if (keep != null) {
            if (!keep.shape().equals(s.shape())) {
                throw new IllegalArgumentException(op + ": mask must have shape " + s.shape() + ", got " + keep.shape());
            }
            s = Tensor.where(keep.eq(0), Tensor.scalar(Double.NEGATIVE_INFINITY, s.dtype(), s.device()), s);
        }
        Tensor w = Functional.softmax(s, 1);
        return new Result(w.unsqueeze(1).matmul(values).squeeze(1), w);
    }

    /** Self-describing forward is not meaningful for a two-input module. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + ": use attend(query, keys, values, mask)");
    }
}
