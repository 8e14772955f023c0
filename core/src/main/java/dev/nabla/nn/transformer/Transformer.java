package dev.nabla.nn.transformer;

import dev.nabla.Tensor;
import dev.nabla.nn.Module;

/** The encoder-decoder Transformer over already embedded source and target sequences. */
public class Transformer extends Module {

    private final TransformerEncoder encoder;
    private final TransformerDecoder decoder;

    /** {@code encoderLayers} + {@code decoderLayers} layers of {@code config}. */
    public Transformer(TransformerConfig config, int encoderLayers, int decoderLayers) {
        encoder = registerModule("encoder", new TransformerEncoder(config, encoderLayers));
        decoder = registerModule("decoder", new TransformerDecoder(config, decoderLayers, true));
    }

    /** The encoder. */
    public TransformerEncoder encoder() {
        return encoder;
    }

    /** The decoder. */
    public TransformerDecoder decoder() {
        return decoder;
    }

    /** Not meaningful for two inputs; use {@link #forward(Tensor, Tensor, Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("Transformer: use forward(source, target, sourceKeep, targetKeep)");
    }

    /**
     * @param source embedded source {@code [B, Ls, d]}
     * @param target embedded, shifted target {@code [B, Lt, d]} (teacher forcing)
     * @param sourceKeep padding mask over source positions, e.g. {@code [B, 1, 1, Ls]}, or null
     * @param targetKeep padding mask over target positions, or null (causality is always applied)
     * @return decoder outputs {@code [B, Lt, d]}
     */
    public Tensor forward(Tensor source, Tensor target, Tensor sourceKeep, Tensor targetKeep) {
        Tensor memory = encoder.forward(source, sourceKeep);
        return decoder.forward(target, memory, sourceKeep, targetKeep, null);
    }
}
