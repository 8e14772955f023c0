package dev.nabla.models.nets;

import dev.nabla.Tensor;
import dev.nabla.nn.Embedding;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.transformer.PositionalEncoding;
import dev.nabla.nn.transformer.TransformerConfig;
import dev.nabla.nn.transformer.TransformerEncoder;

/**
 * A BERT-style encoder-only Transformer: token embedding + learned positions, a stack of
 * bidirectional (unmasked) encoder layers, and two heads on the outputs: one predicting every
 * position's token (for masked-token pre-training) and one classifying the whole sequence from the
 * output at position 0 (the classification token).
 */
public class MaskedTokenEncoder extends Module {

    private final Embedding tokens;
    private final PositionalEncoding positions;
    private final TransformerEncoder encoder;
    private final Linear tokenHead;
    private final Linear classHead;

    /**
     * @param vocabulary token ids, including the mask token
     * @param maxLength the longest sequence
     * @param config layer sizes
     * @param layers encoder layers
     * @param classes outputs of the classification head
     */
    public MaskedTokenEncoder(int vocabulary, int maxLength, TransformerConfig config, int layers, int classes) {
        tokens = registerModule("tokens", new Embedding(vocabulary, config.dModel()));
        positions = registerModule("positions", PositionalEncoding.learned(maxLength, config.dModel()));
        encoder = registerModule("encoder", new TransformerEncoder(config, layers));
        tokenHead = registerModule("token_head", new Linear(config.dModel(), vocabulary));
        classHead = registerModule("class_head", new Linear(config.dModel(), classes));
    }

    /** Contextual vectors {@code [B, L, d]} for INT64 token ids {@code [B, L]}. */
    public Tensor encode(Tensor ids) {
        if (ids.rank() != 2) {
            throw new IllegalArgumentException("MaskedTokenEncoder: expected token ids [batch, length], got " + ids.shape());
        }
        return encoder.forward(positions.forward(tokens.forward(ids)));
    }

    /** Token logits {@code [B, L, vocabulary]} at every position (the masked-token objective reads the masked ones). */
    @Override
    public Tensor forward(Tensor ids) {
        return tokenHead.forward(encode(ids));
    }

    /** Sequence-class logits {@code [B, classes]} from the output at position 0. */
    public Tensor classify(Tensor ids) {
        return classHead.forward(encode(ids).select(1, 0));
    }

    /** Copies the embedding, positions and encoder weights of {@code pretrained}, leaving both heads as they are. */
    public void loadEncoderFrom(MaskedTokenEncoder pretrained) {
        tokens.loadStateDict(pretrained.tokens.stateDict(), true);
        positions.loadStateDict(pretrained.positions.stateDict(), true);
        encoder.loadStateDict(pretrained.encoder.stateDict(), true);
    }
}
