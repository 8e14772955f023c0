package dev.nabla.nn.transformer;

import dev.nabla.Tensor;
import dev.nabla.nn.LayerNorm;
import dev.nabla.nn.Module;
import java.util.ArrayList;
import java.util.List;

/** A stack of encoder layers, with a final layer norm when the layers are pre-norm. */
public class TransformerEncoder extends Module {

    private final List<TransformerEncoderLayer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;

    /** {@code count} layers of {@code config}. */
    public TransformerEncoder(TransformerConfig config, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("TransformerEncoder: layer count must be positive, got " + count);
        }
        for (int i = 0; i < count; i++) {
            layers.add(registerModule("layers_" + i, new TransformerEncoderLayer(config)));
        }
        finalNorm = config.preNorm() ? registerModule("norm", new LayerNorm(config.dModel())) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /** Encodes {@code [B, L, d]} with an optional keep-mask broadcastable to {@code [B, heads, L, L]}. */
    public Tensor forward(Tensor x, Tensor keep) {
        Tensor h = x;
        for (TransformerEncoderLayer layer : layers) {
            h = layer.forward(h, keep, false);
        }
        return finalNorm == null ? h : finalNorm.forward(h);
    }
}
