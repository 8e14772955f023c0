package dev.nabla.nn.transformer;

import dev.nabla.Tensor;
import dev.nabla.nn.LayerNorm;
import dev.nabla.nn.Module;
import dev.nabla.nn.attention.KeyValueCache;
import java.util.ArrayList;
import java.util.List;

/**
 * A stack of decoder layers — with cross-attention for an encoder-decoder model, without for a
 * decoder-only (GPT-style) model — plus a final layer norm when pre-norm.
 */
public class TransformerDecoder extends Module {

    private final List<TransformerDecoderLayer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;

    /** {@code count} layers of {@code config}, with or without cross-attention. */
    public TransformerDecoder(TransformerConfig config, int count, boolean crossAttention) {
        if (count <= 0) {
            throw new IllegalArgumentException("TransformerDecoder: layer count must be positive, got " + count);
        }
        for (int i = 0; i < count; i++) {
            layers.add(registerModule("layers_" + i, new TransformerDecoderLayer(config, crossAttention)));
        }
        finalNorm = config.preNorm() ? registerModule("norm", new LayerNorm(config.dModel())) : null;
    }

    /** The number of layers (and so of caches an incremental decode needs). */
    public int depth() {
        return layers.size();
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null, null, null, null);
    }

    /**
     * Decodes {@code x [B, Lt, d]}.
     *
     * @param memory encoder outputs or null (decoder-only)
     * @param memoryKeep mask over memory positions or null
     * @param targetKeep padding mask over target positions or null
     * @param caches one cache per layer for incremental decoding, or null
     */
    public Tensor forward(Tensor x, Tensor memory, Tensor memoryKeep, Tensor targetKeep, KeyValueCache[] caches) {
        if (caches != null && caches.length != layers.size()) {
            throw new IllegalArgumentException("TransformerDecoder: need " + layers.size() + " caches, got " + caches.length);
        }
        Tensor h = x;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(h, memory, memoryKeep, targetKeep, caches == null ? null : caches[i]);
        }
        return finalNorm == null ? h : finalNorm.forward(h);
    }
}
