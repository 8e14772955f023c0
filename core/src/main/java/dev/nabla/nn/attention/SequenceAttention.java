package dev.nabla.nn.attention;

import dev.nabla.Shape;
import dev.nabla.Tensor;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Module;
import java.util.Arrays;

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
     * @param mask null or {@link AttentionMask#none()} for every key; {@link AttentionMask#keep} (nonzero attends),
     *     {@link AttentionMask#ignore} (PyTorch's boolean convention, nonzero is masked out) over {@code [B, L]} or
     *     anything that broadcasts to it, or {@link AttentionMask#keyPadding} {@code [B, L]}; a causal mask is
     *     refused, since one query per row has no position
     * @throws IllegalArgumentException on mismatched shapes or a causal mask
     */
    public Result attend(Tensor query, Tensor keys, Tensor values, AttentionMask mask) {
        String op = getClass().getSimpleName();
        if (query.rank() != 2 || keys.rank() != 3 || values.rank() != 3 || keys.size(0) != query.size(0)
                || values.size(0) != query.size(0) || values.size(1) != keys.size(1)) {
            throw new IllegalArgumentException(op + ": expected query [B, Dq], keys [B, L, Dk], values [B, L, Dv], got "
                    + query.shape() + ", " + keys.shape() + ", " + values.shape());
        }
        if (mask != null && mask.isCausal()) {
            throw new IllegalArgumentException(op + ": a causal mask needs query positions, and this attention has one "
                    + "query per batch row; pass keep, ignore or keyPadding");
        }
        Tensor s = scores(query, keys);
        Tensor keep = mask == null ? null : mask.keepTensor();
        if (keep != null) {
            s = Tensor.where(keepRows(op, keep, s).eq(0), Tensor.scalar(Double.NEGATIVE_INFINITY, s.dtype(), s.device()), s);
        }
        Tensor w = Functional.softmax(s, 1);
        return new Result(w.unsqueeze(1).matmul(values).squeeze(1), w);
    }

    /**
     * The keep tensor as {@code [B, L]} (or a shape that broadcasts to it): a key-padding mask arrives as
     * {@code [B, 1, 1, L]}, shaped for multi-head scores, so unit dimensions between the first and last are dropped.
     */
    private static Tensor keepRows(String op, Tensor keep, Tensor scores) {
        Tensor rows = keep;
        while (rows.rank() > 2 && rows.size(1) == 1) {
            rows = rows.squeeze(1);
        }
        int[] target = scores.shape().toArray();
        boolean fits;
        try {
            fits = Arrays.equals(Shape.broadcast(op, rows.shape().toArray(), target), target);
        } catch (IllegalArgumentException e) {
            fits = false;
        }
        if (!fits) {
            throw new IllegalArgumentException(op + ": mask must broadcast to the scores " + scores.shape() + ", got "
                    + keep.shape());
        }
        return rows;
    }

    /** Self-describing forward is not meaningful for a two-input module. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + ": use attend(query, keys, values, mask)");
    }
}
