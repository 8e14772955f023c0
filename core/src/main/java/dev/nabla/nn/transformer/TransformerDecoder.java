package dev.nabla.nn.transformer;

import dev.nabla.Tensor;
import dev.nabla.nn.LayerNorm;
import dev.nabla.nn.Module;
import dev.nabla.nn.ModuleList;
import dev.nabla.nn.attention.AttentionMask;
import dev.nabla.nn.attention.KeyValueCache;
import java.util.ArrayList;
import java.util.List;

/**
 * A stack of decoder layers ({@code layers.0}, ... as in {@code torch.nn.TransformerDecoder}) — with
 * cross-attention for an encoder-decoder model, without for a decoder-only (GPT-style) model — plus a
 * final layer norm ({@code norm}) when pre-norm.
 */
public class TransformerDecoder extends Module {

    private final List<TransformerDecoderLayer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;

    /** {@code count} layers of {@code config}, with or without cross-attention. */
    public TransformerDecoder(TransformerConfig config, int count, boolean crossAttention) {
        if (count <= 0) {
            throw new IllegalArgumentException("TransformerDecoder: layer count must be positive, got " + count);
        }
        ModuleList registered = registerModule("layers", new ModuleList());
        for (int i = 0; i < count; i++) {
            layers.add(new TransformerDecoderLayer(config, crossAttention));
            registered.add(layers.get(i));
        }
        finalNorm = config.preNorm() ? registerModule("norm", new LayerNorm(config.dModel())) : null;
    }

    /** The number of layers (and so of caches an incremental decode needs). */
    public int depth() {
        return layers.size();
    }

    /** Causal decoding without memory (decoder-only layers). */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null, AttentionMask.causal(), null, null);
    }

    /**
     * Decodes {@code x [B, Lt, d]}.
     *
     * @param memory encoder outputs or null (decoder-only)
     * @param targetMask the self-attention mask, causality included when wanted ({@link AttentionMask#causal()});
     *     null sees all
     * @param memoryMask the mask over memory positions; null sees all
     * @param caches one cache per layer for incremental decoding, or null
     */
    public Tensor forward(Tensor x, Tensor memory, AttentionMask targetMask, AttentionMask memoryMask,
            KeyValueCache[] caches) {
        if (caches != null && caches.length != layers.size()) {
            throw new IllegalArgumentException("TransformerDecoder: need " + layers.size() + " caches, got " + caches.length);
        }
        Tensor h = x;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(h, memory, targetMask, memoryMask, caches == null ? null : caches[i]);
        }
        return finalNorm == null ? h : finalNorm.forward(h);
    }
}
