package dev.nabla.nn.transformer;

import dev.nabla.Tensor;
import dev.nabla.nn.Module;
import dev.nabla.nn.attention.AttentionMask;

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

    /** Not meaningful for two inputs; use {@link #forward(Tensor, Tensor, AttentionMask, AttentionMask, AttentionMask)}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("Transformer: use forward(source, target, sourceMask, targetMask, "
                + "memoryMask)");
    }

    /**
     * Encodes the source and decodes the target against it, as {@code torch.nn.Transformer.forward}.
     *
     * @param source embedded source {@code [B, Ls, d]}
     * @param target embedded, shifted target {@code [B, Lt, d]} (teacher forcing)
     * @param sourceMask the encoder's self-attention mask (e.g. source padding); null sees all
     * @param targetMask the decoder's self-attention mask: pass {@link AttentionMask#causal()} (and target
     *     padding) for teacher forcing; null sees all
     * @param memoryMask the decoder's mask over the encoded source (e.g. source padding again); null sees all
     * @return decoder outputs {@code [B, Lt, d]}
     */
    public Tensor forward(Tensor source, Tensor target, AttentionMask sourceMask, AttentionMask targetMask,
            AttentionMask memoryMask) {
        Tensor memory = encoder.forward(source, sourceMask);
        return decoder.forward(target, memory, targetMask, memoryMask, null);
    }
}
