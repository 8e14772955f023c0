package dev.nabla.nn.attention;

import dev.nabla.Tensor;

/**
 * Which keys each query may attend to. Nabla has no bool dtype, so a mask tensor holds numbers and
 * the factory that wraps it states what a nonzero entry means; nothing is inferred from the values:
 * <ul>
 *   <li>{@link #keep(Tensor)}: Nabla's 0/1 keep-masks, <b>nonzero = attend</b>, 0 = hidden;</li>
 *   <li>{@link #ignore(Tensor)}: PyTorch's boolean {@code attn_mask} convention, <b>nonzero (true) =
 *       masked out</b>, 0 (false) = attend;</li>
 *   <li>{@link #keyPadding(Tensor)}: PyTorch's boolean {@code key_padding_mask} {@code [B, Lk]},
 *       nonzero (true) = a padding key that no query of that batch row sees;</li>
 *   <li>{@link #causal()}: keys after the query's position are hidden (aligned at the end when there
 *       are more keys than queries, as in incremental decoding with a cache).</li>
 * </ul>
 * Masks combine with {@link #and(AttentionMask)}: a key is visible only where both allow it. Mask
 * tensors broadcast to the score shape ({@code [B, heads, Lq, Lk]} in multi-head attention). A query
 * whose keys are all hidden attends to nothing and gets zeros (PyTorch gives NaN). PyTorch's additive
 * float masks are not accepted; express them as {@link #ignore(Tensor)} where they are -inf.
 */
public final class AttentionMask {

    private static final AttentionMask NONE = new AttentionMask(null, false);
    private static final AttentionMask CAUSAL = new AttentionMask(null, true);

    private final Tensor keep;
    private final boolean causal;

    private AttentionMask(Tensor keep, boolean causal) {
        this.keep = keep;
        this.causal = causal;
    }

    /** Every key visible to every query. */
    public static AttentionMask none() {
        return NONE;
    }

    /** Keys after each query's position hidden (PyTorch's square subsequent mask, or {@code is_causal}). */
    public static AttentionMask causal() {
        return CAUSAL;
    }

    /**
     * A keep-mask: nonzero entries may be attended, zeros are hidden.
     *
     * @param keep numbers broadcastable to the score shape
     */
    public static AttentionMask keep(Tensor keep) {
        return new AttentionMask(nonNull("keep", keep), false);
    }

    /**
     * PyTorch's boolean convention: nonzero (true) entries are masked out, zeros (false) may be attended.
     *
     * @param ignore numbers broadcastable to the score shape, e.g. {@code [Lq, Lk]} or {@code [B·heads, Lq, Lk]}
     *     reshaped to {@code [B, heads, Lq, Lk]}
     */
    public static AttentionMask ignore(Tensor ignore) {
        return new AttentionMask(nonNull("ignore", ignore).eq(0), false);
    }

    /**
     * PyTorch's {@code key_padding_mask}: nonzero (true) marks padding keys, hidden from every query and head.
     *
     * @param padding {@code [B, Lk]}
     * @throws IllegalArgumentException when it is not 2-D
     */
    public static AttentionMask keyPadding(Tensor padding) {
        if (nonNull("keyPadding", padding).rank() != 2) {
            throw new IllegalArgumentException("AttentionMask.keyPadding: expected [batch, keys], got " + padding.shape());
        }
        return new AttentionMask(padding.eq(0).reshape(padding.size(0), 1, 1, padding.size(1)), false);
    }

    private static Tensor nonNull(String factory, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException("AttentionMask." + factory + ": the mask tensor is null; use none()");
        }
        return t;
    }

    /** Visible only where both this and {@code other} allow; {@code null} counts as {@link #none()}. */
    public AttentionMask and(AttentionMask other) {
        if (other == null) {
            return this;
        }
        Tensor both = keep == null ? other.keep
                : other.keep == null ? keep : keep.eq(0).add(other.keep.eq(0)).eq(0);
        return new AttentionMask(both, causal || other.causal);
    }

    /** The 0/1 (or nonzero/zero) keep tensor this mask amounts to besides causality, or null when none. */
    public Tensor keepTensor() {
        return keep;
    }

    /** Whether future keys are hidden. */
    public boolean isCausal() {
        return causal;
    }

    @Override
    public String toString() {
        return "AttentionMask(" + (keep == null ? "no tensor" : "keep " + keep.shape()) + (causal ? ", causal" : "") + ")";
    }
}
