package dev.nabla.nn.attention;

import dev.nabla.Tensor;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;

/**
 * Multi-head attention with separate query, key and value projections and an output
 * projection. Inputs are batch-first {@code [B, L, E]}; self-attention is {@link #forward}, and
 * cross-attention passes different key/value sequences to {@link #attend}.
 */
public class MultiheadAttention extends Module {

    private final int embedDim;
    private final int heads;
    private final Linear qProj;
    private final Linear kProj;
    private final Linear vProj;
    private final Linear outProj;

    /**
     * @param embedDim the model width E
     * @param heads the number of heads; must divide E
     */
    public MultiheadAttention(int embedDim, int heads) {
        if (heads <= 0 || embedDim <= 0 || embedDim % heads != 0) {
            throw new IllegalArgumentException("MultiheadAttention: the number of heads (" + heads
                    + ") must be positive and divide the model width (" + embedDim + ")");
        }
        this.embedDim = embedDim;
        this.heads = heads;
        this.qProj = registerModule("q_proj", new Linear(embedDim, embedDim));
        this.kProj = registerModule("k_proj", new Linear(embedDim, embedDim));
        this.vProj = registerModule("v_proj", new Linear(embedDim, embedDim));
        this.outProj = registerModule("out_proj", new Linear(embedDim, embedDim));
    }

    /** The number of heads. */
    public int heads() {
        return heads;
    }

    /** Unmasked self-attention. */
    @Override
    public Tensor forward(Tensor x) {
        return attend(x, x, x, null, false, null);
    }

    /**
     * Attention of {@code query} over {@code key}/{@code value}.
     *
     * @param query {@code [B, Lq, E]}
     * @param key {@code [B, Lk, E]}
     * @param value {@code [B, Lk, E]}
     * @param keep null or a 0/1 mask broadcastable to {@code [B, heads, Lq, Lk]} (e.g. a padding mask
     *     {@code [B, 1, 1, Lk]})
     * @param causal hide future keys
     * @param cache null, or a cache that this call appends the new keys/values to and attends over in
     *     full (incremental decoding)
     * @return {@code [B, Lq, E]}
     */
    public Tensor attend(Tensor query, Tensor key, Tensor value, Tensor keep, boolean causal, KeyValueCache cache) {
        checkInput("query", query);
        checkInput("key", key);
        checkInput("value", value);
        Tensor q = split(qProj.forward(query));
        Tensor k = split(kProj.forward(key));
        Tensor v = split(vProj.forward(value));
        if (cache != null) {
            Tensor[] kv = cache.append(k, v);
            k = kv[0];
            v = kv[1];
        }
        Tensor o = Attention.scaledDotProduct(q, k, v, keep, causal);
        return outProj.forward(merge(o));
    }

    private void checkInput(String what, Tensor t) {
        if (t.rank() != 3 || t.size(2) != embedDim) {
            throw new IllegalArgumentException("MultiheadAttention: " + what + " must be [batch, length, " + embedDim
                    + "], got " + t.shape());
        }
    }

    /** {@code [B, L, E]} to {@code [B, heads, L, E/heads]}. */
    private Tensor split(Tensor x) {
        return x.reshape(x.size(0), x.size(1), heads, embedDim / heads).transpose(1, 2);
    }

    /** {@code [B, heads, L, d]} to {@code [B, L, E]}. */
    private Tensor merge(Tensor x) {
        return x.transpose(1, 2).reshape(x.size(0), x.size(2), embedDim);
    }
}
