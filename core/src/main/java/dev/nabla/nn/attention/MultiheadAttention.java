package dev.nabla.nn.attention;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.Parameter;

/**
 * Multi-head attention with PyTorch's parameters and names ({@code torch.nn.MultiheadAttention} with
 * equal query, key and value widths): the query, key and value projections packed in
 * {@code in_proj_weight [3E, E]} and {@code in_proj_bias [3E]} (rows in that order), and the output
 * projection {@code out_proj}. So a PyTorch state dict loads with {@code loadStateDict(map, true)}.
 * Inputs are batch-first {@code [B, L, E]} (PyTorch's {@code batch_first=True}); self-attention is
 * {@link #forward}, and cross-attention passes different key/value sequences to {@link #attend}.
 * Each projection starts as a {@link Linear} would (uniform in {@code ±1/√E}, weight then bias, for
 * query, key, value in turn); PyTorch starts from Xavier weights and zero biases.
 */
public class MultiheadAttention extends Module {

    private final int embedDim;
    private final int heads;
    private final Parameter inProjWeight;
    private final Parameter inProjBias;
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
        Tensor[] weights = new Tensor[3];
        Tensor[] biases = new Tensor[3];
        double bound = 1.0 / Math.sqrt(embedDim);
        Generator gen = Generator.global();
        Device device = Device.best();
        for (int i = 0; i < 3; i++) {
            weights[i] = Tensor.uniform(gen, -bound, bound, DType.FLOAT32, device, embedDim, embedDim);
            biases[i] = Tensor.uniform(gen, -bound, bound, DType.FLOAT32, device, embedDim);
        }
        this.inProjWeight = registerParameter("in_proj_weight", Tensor.cat(0, weights));
        this.inProjBias = registerParameter("in_proj_bias", Tensor.cat(0, biases));
        this.outProj = registerModule("out_proj", new Linear(embedDim, embedDim));
    }

    /** The number of heads. */
    public int heads() {
        return heads;
    }

    /** Unmasked self-attention. */
    @Override
    public Tensor forward(Tensor x) {
        return attend(x, x, x, AttentionMask.none(), null);
    }

    /**
     * Attention of {@code query} over {@code key}/{@code value}.
     *
     * @param query {@code [B, Lq, E]}
     * @param key {@code [B, Lk, E]}
     * @param value {@code [B, Lk, E]}
     * @param mask which keys each query sees (its factory states the convention; tensors broadcast to
     *     {@code [B, heads, Lq, Lk]}, e.g. {@link AttentionMask#keyPadding} of a {@code [B, Lk]} mask); null sees all
     * @param cache null, or a cache that this call appends the new keys/values to and attends over in
     *     full (incremental decoding)
     * @return {@code [B, Lq, E]}
     */
    public Tensor attend(Tensor query, Tensor key, Tensor value, AttentionMask mask, KeyValueCache cache) {
        checkInput("query", query);
        checkInput("key", key);
        checkInput("value", value);
        Tensor[] qkv = project(query, key, value);
        Tensor q = split(qkv[0]);
        Tensor k = split(qkv[1]);
        Tensor v = split(qkv[2]);
        if (cache != null) {
            Tensor[] kv = cache.append(k, v);
            k = kv[0];
            v = kv[1];
        }
        Tensor o = Attention.scaledDotProduct(q, k, v, mask);
        return outProj.forward(merge(o));
    }

    /** The three projections; one product when the inputs are one tensor (self-attention), two when key is value. */
    private Tensor[] project(Tensor query, Tensor key, Tensor value) {
        Tensor w = inProjWeight.get();
        Tensor b = inProjBias.get();
        if (query == key && key == value) {
            return linear(query, w, b).chunk(3, -1).toArray(Tensor[]::new);
        }
        Tensor q = linear(query, w.narrow(0, 0, embedDim), b.narrow(0, 0, embedDim));
        if (key == value) {
            Tensor[] kv = linear(key, w.narrow(0, embedDim, 2 * embedDim), b.narrow(0, embedDim, 2 * embedDim))
                    .chunk(2, -1).toArray(Tensor[]::new);
            return new Tensor[] {q, kv[0], kv[1]};
        }
        return new Tensor[] {q, linear(key, w.narrow(0, embedDim, embedDim), b.narrow(0, embedDim, embedDim)),
            linear(value, w.narrow(0, 2 * embedDim, embedDim), b.narrow(0, 2 * embedDim, embedDim))};
    }

    private static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        return x.matmul(weight.t()).add(bias);
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
