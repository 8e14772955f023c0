package dev.nabla.nn.transformer;

import dev.nabla.Tensor;
import dev.nabla.nn.LayerNorm;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.attention.AttentionMask;
import dev.nabla.nn.attention.MultiheadAttention;

/**
 * Self-attention then feed-forward, each in a residual with layer norm; inputs are {@code [B, L, dModel]}.
 * Parameters carry the names of {@code torch.nn.TransformerEncoderLayer} ({@code self_attn}, {@code linear1},
 * {@code linear2}, {@code norm1}, {@code norm2}), so its state dict loads strictly.
 */
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
        feedForward = new FeedForward(registerModule("linear1", new Linear(config.dModel(), config.feedForward())),
                registerModule("linear2", new Linear(config.feedForward(), config.dModel())), config);
        norm1 = registerModule("norm1", new LayerNorm(config.dModel()));
        norm2 = registerModule("norm2", new LayerNorm(config.dModel()));
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, AttentionMask.none());
    }

    /**
     * @param x {@code [B, L, dModel]}
     * @param mask which positions each position attends to (e.g. {@link AttentionMask#keyPadding} for padding,
     *     {@link AttentionMask#causal()}); null sees all
     */
    public Tensor forward(Tensor x, AttentionMask mask) {
        boolean training = isTraining();
        Tensor h = Residual.apply(x, norm1, config.preNorm(), config.dropout(), training,
                in -> selfAttention.attend(in, in, in, mask, null));
        return Residual.apply(h, norm2, config.preNorm(), config.dropout(), training, in -> feedForward.apply(in, training));
    }
}
