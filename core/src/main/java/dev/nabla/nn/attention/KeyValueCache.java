package dev.nabla.nn.attention;

import dev.nabla.Tensor;

/**
 * The keys and values an attention layer has seen so far during incremental decoding, so that
 * each new token attends over the whole prefix without recomputing its projections.
 */
public final class KeyValueCache {

    private Tensor keys;
    private Tensor values;

    /** Appends {@code [B, heads, n, d]} keys and values; returns the full {keys, values}. */
    Tensor[] append(Tensor k, Tensor v) {
        keys = keys == null ? k : Tensor.cat(2, keys, k);
        values = values == null ? v : Tensor.cat(2, values, v);
        return new Tensor[] {keys, values};
    }

    /** How many positions are cached. */
    public int length() {
        return keys == null ? 0 : keys.size(2);
    }

    /** Forgets everything (start of a new sequence). */
    public void clear() {
        keys = null;
        values = null;
    }
}
