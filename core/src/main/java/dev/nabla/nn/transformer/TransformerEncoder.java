package dev.nabla.nn.transformer;

import dev.nabla.Tensor;
import dev.nabla.nn.LayerNorm;
import dev.nabla.nn.Module;
import dev.nabla.nn.ModuleList;
import dev.nabla.nn.attention.AttentionMask;
import java.util.ArrayList;
import java.util.List;

/**
 * A stack of encoder layers ({@code layers.0}, {@code layers.1}, ... as in {@code torch.nn.TransformerEncoder}),
 * with a final layer norm ({@code norm}) when the layers are pre-norm.
 */
public class TransformerEncoder extends Module {

    private final List<TransformerEncoderLayer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;

    /** {@code count} layers of {@code config}. */
    public TransformerEncoder(TransformerConfig config, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("TransformerEncoder: layer count must be positive, got " + count);
        }
        ModuleList registered = registerModule("layers", new ModuleList());
        for (int i = 0; i < count; i++) {
            layers.add(new TransformerEncoderLayer(config));
            registered.add(layers.get(i));
        }
        finalNorm = config.preNorm() ? registerModule("norm", new LayerNorm(config.dModel())) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, AttentionMask.none());
    }

    /** Encodes {@code [B, L, d]}; the mask's tensor broadcasts to {@code [B, heads, L, L]}; null sees all. */
    public Tensor forward(Tensor x, AttentionMask mask) {
        Tensor h = x;
        for (TransformerEncoderLayer layer : layers) {
            h = layer.forward(h, mask);
        }
        return finalNorm == null ? h : finalNorm.forward(h);
    }
}
