package dev.nabla.nn.transformer;

import dev.nabla.Tensor;
import dev.nabla.nn.LayerNorm;
import dev.nabla.nn.Module;
import dev.nabla.nn.attention.MultiheadAttention;

/** Self-attention then feed-forward, each in a residual with layer norm. Inputs are {@code [B, L, dModel]}. */
public class TransformerEncoderLayer extends Module {

    private final TransformerConfig config;
    private final MultiheadAttention selfAttention;
    private final FeedForward feedForward;
    private final LayerNorm norm1;
    private final LayerNorm norm2;

    /** A layer of the given configuration. */
    public TransformerEncoderLayer(TransformerConfig config) {
        this.config = config;
        selfAttention = registerModule("self_attn", new MultiheadAttention(config.dModel(), config.heads()));
        feedForward = registerModule("ffn", new FeedForward(config.dModel(), config.feedForward(), config.dropout()));
        norm1 = registerModule("norm1", new LayerNorm(config.dModel()));
        norm2 = registerModule("norm2", new LayerNorm(config.dModel()));
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null, false);
    }

    /**
     * @param x {@code [B, L, dModel]}
     * @param keep null or a 0/1 mask broadcastable to {@code [B, heads, L, L]}, e.g. padding {@code [B, 1, 1, L]}
     * @param causal hide future positions
     */
    public Tensor forward(Tensor x, Tensor keep, boolean causal) {
        boolean training = isTraining();
        Tensor h = Residual.apply(x, norm1, config.preNorm(), config.dropout(), training,
                in -> selfAttention.attend(in, in, in, keep, causal, null));
        return Residual.apply(h, norm2, config.preNorm(), config.dropout(), training, feedForward::forward);
    }
}
