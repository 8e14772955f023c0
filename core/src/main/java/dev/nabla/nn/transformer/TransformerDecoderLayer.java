package dev.nabla.nn.transformer;

import dev.nabla.Tensor;
import dev.nabla.nn.LayerNorm;
import dev.nabla.nn.Module;
import dev.nabla.nn.attention.KeyValueCache;
import dev.nabla.nn.attention.MultiheadAttention;

/**
 * Causal self-attention, cross-attention over an encoder's memory (skipped when the memory is
 * null: the decoder-only, GPT-style block), and feed-forward — each in a residual with layer norm.
 */
public class TransformerDecoderLayer extends Module {

    private final TransformerConfig config;
    private final MultiheadAttention selfAttention;
    private final MultiheadAttention crossAttention;
    private final FeedForward feedForward;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final LayerNorm norm3;

    /**
     * @param config sizes and norm placement
     * @param crossAttention whether the layer attends to an encoder memory (false for a GPT block)
     */
    public TransformerDecoderLayer(TransformerConfig config, boolean crossAttention) {
        this.config = config;
        selfAttention = registerModule("self_attn", new MultiheadAttention(config.dModel(), config.heads()));
        this.crossAttention = crossAttention
                ? registerModule("cross_attn", new MultiheadAttention(config.dModel(), config.heads())) : null;
        feedForward = registerModule("ffn", new FeedForward(config.dModel(), config.feedForward(), config.dropout()));
        norm1 = registerModule("norm1", new LayerNorm(config.dModel()));
        norm2 = crossAttention ? registerModule("norm2", new LayerNorm(config.dModel())) : null;
        norm3 = registerModule("norm3", new LayerNorm(config.dModel()));
    }

    /** Causal self-attention and feed-forward only (requires a layer built without cross-attention). */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null, null, null, null);
    }

    /**
     * @param x target-side inputs {@code [B, Lt, dModel]}
     * @param memory encoder outputs {@code [B, Ls, dModel]}, or null for a decoder-only block
     * @param memoryKeep null or a 0/1 mask over memory positions, e.g. {@code [B, 1, 1, Ls]}
     * @param targetKeep null or a 0/1 mask over target positions (padding), combined with causality
     * @param cache null, or this layer's self-attention cache for incremental decoding: x then holds
     *     only the new positions
     */
    public Tensor forward(Tensor x, Tensor memory, Tensor memoryKeep, Tensor targetKeep, KeyValueCache cache) {
        if ((memory == null) != (crossAttention == null)) {
            throw new IllegalArgumentException("TransformerDecoderLayer: " + (memory == null
                    ? "this layer has cross-attention and needs an encoder memory"
                    : "this layer has no cross-attention, but a memory was given"));
        }
        boolean training = isTraining();
        Tensor h = Residual.apply(x, norm1, config.preNorm(), config.dropout(), training,
                in -> selfAttention.attend(in, in, in, targetKeep, true, cache));
        if (memory != null) {
            h = Residual.apply(h, norm2, config.preNorm(), config.dropout(), training,
                    in -> crossAttention.attend(in, memory, memory, memoryKeep, false, null));
        }
        return Residual.apply(h, norm3, config.preNorm(), config.dropout(), training, feedForward::forward);
    }
}
