package dev.nabla.nn.transformer;

import dev.nabla.Tensor;
import dev.nabla.nn.LayerNorm;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.attention.AttentionMask;
import dev.nabla.nn.attention.KeyValueCache;
import dev.nabla.nn.attention.MultiheadAttention;

/**
 * Self-attention, cross-attention over an encoder's memory (absent in a decoder-only, GPT-style block),
 * and feed-forward — each in a residual with layer norm. Parameters carry the names of
 * {@code torch.nn.TransformerDecoderLayer} ({@code self_attn}, {@code multihead_attn}, {@code linear1},
 * {@code linear2}, {@code norm1}, {@code norm2}, {@code norm3}; a block without cross-attention has no
 * {@code multihead_attn} and no {@code norm2}), so its state dict loads strictly.
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
     * @param config sizes, norm placement and activation
     * @param crossAttention whether the layer attends to an encoder memory (false for a GPT block)
     */
    public TransformerDecoderLayer(TransformerConfig config, boolean crossAttention) {
        this.config = config;
        selfAttention = registerModule("self_attn", new MultiheadAttention(config.dModel(), config.heads()));
        this.crossAttention = crossAttention
                ? registerModule("multihead_attn", new MultiheadAttention(config.dModel(), config.heads())) : null;
        feedForward = new FeedForward(registerModule("linear1", new Linear(config.dModel(), config.feedForward())),
                registerModule("linear2", new Linear(config.feedForward(), config.dModel())), config);
        norm1 = registerModule("norm1", new LayerNorm(config.dModel()));
        norm2 = crossAttention ? registerModule("norm2", new LayerNorm(config.dModel())) : null;
        norm3 = registerModule("norm3", new LayerNorm(config.dModel()));
    }

    /** Causal self-attention and feed-forward only (requires a layer built without cross-attention). */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null, AttentionMask.causal(), null, null);
    }

    /**
     * @param x target-side inputs {@code [B, Lt, dModel]}
     * @param memory encoder outputs {@code [B, Ls, dModel]}, or null for a decoder-only block
     * @param targetMask the self-attention mask (PyTorch's {@code tgt_mask} and {@code tgt_key_padding_mask}):
     *     causality is part of it ({@link AttentionMask#causal()}), not implied; null sees all
     * @param memoryMask the cross-attention mask over memory positions (PyTorch's {@code memory_mask} and
     *     {@code memory_key_padding_mask}); null sees all
     * @param cache null, or this layer's self-attention cache for incremental decoding: x then holds
     *     only the new positions
     */
    public Tensor forward(Tensor x, Tensor memory, AttentionMask targetMask, AttentionMask memoryMask,
            KeyValueCache cache) {
        if ((memory == null) != (crossAttention == null)) {
            throw new IllegalArgumentException("TransformerDecoderLayer: " + (memory == null
                    ? "this layer has cross-attention and needs an encoder memory"
                    : "this layer has no cross-attention, but a memory was given"));
        }
        boolean training = isTraining();
        Tensor h = Residual.apply(x, norm1, config.preNorm(), config.dropout(), training,
                in -> selfAttention.attend(in, in, in, targetMask, cache));
        if (memory != null) {
            h = Residual.apply(h, norm2, config.preNorm(), config.dropout(), training,
                    in -> crossAttention.attend(in, memory, memory, memoryMask, null));
        }
        return Residual.apply(h, norm3, config.preNorm(), config.dropout(), training, in -> feedForward.apply(in, training));
    }
}
