package dev.nabla.nn.transformer;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.nn.Embedding;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.attention.AttentionMask;
import dev.nabla.nn.attention.KeyValueCache;
import dev.nabla.nn.decoding.SequenceScorer;

/**
 * A GPT-style language model: token embedding + learned positions, a stack of causal pre-norm
 * blocks, and a linear head to vocabulary logits. Supports key/value-cached incremental decoding.
 */
public class DecoderOnlyTransformer extends Module {

    private final int vocabulary;
    private final int maxLength;
    private final Embedding tokens;
    private final PositionalEncoding positions;
    private final TransformerDecoder blocks;
    private final Linear head;

    /**
     * @param vocabulary the number of token ids
     * @param maxLength the longest sequence (positions)
     * @param config block sizes (pre-norm is the usual choice)
     * @param layers the number of blocks
     */
    public DecoderOnlyTransformer(int vocabulary, int maxLength, TransformerConfig config, int layers) {
        this.vocabulary = vocabulary;
        this.maxLength = maxLength;
        tokens = registerModule("tokens", new Embedding(vocabulary, config.dModel()));
        positions = registerModule("positions", PositionalEncoding.learned(maxLength, config.dModel()));
        blocks = registerModule("blocks", new TransformerDecoder(config, layers, false));
        head = registerModule("head", new Linear(config.dModel(), vocabulary));
    }

    /** Logits {@code [B, L, vocabulary]} for INT64 token ids {@code [B, L]}. */
    @Override
    public Tensor forward(Tensor ids) {
        return logits(ids, 0, null);
    }

    /**
     * Logits for {@code ids [B, L]} placed at positions {@code offset..}; with caches (one per
     * block, from {@link #newCaches()}) only the new positions are computed.
     */
    public Tensor logits(Tensor ids, int offset, KeyValueCache[] caches) {
        if (ids.rank() != 2 || ids.dtype() != DType.INT64) {
            throw new IllegalArgumentException("DecoderOnlyTransformer: expected int64 token ids [batch, length], got "
                    + ids.dtype().id() + " " + ids.shape());
        }
        Tensor h = positions.forward(tokens.forward(ids), offset);
        return head.forward(blocks.forward(h, null, AttentionMask.causal(), null, caches));
    }

    /** Empty caches for incremental decoding, one per block. */
    public KeyValueCache[] newCaches() {
        KeyValueCache[] caches = new KeyValueCache[blocks.depth()];
        for (int i = 0; i < caches.length; i++) {
            caches[i] = new KeyValueCache();
        }
        return caches;
    }

    /**
     * A decoder view for greedy/beam/sampling after a prompt. The state is the token prefix; each
     * step re-runs the prefix (beams branch, so one shared cache cannot serve them all).
     */
    public SequenceScorer<int[]> scorer(int[] prompt) {
        return new SequenceScorer<>() {
            @Override
            public int[] initialState() {
                return java.util.Arrays.copyOf(prompt, prompt.length - 1);
            }

            @Override
            public Step<int[]> step(int[] prefix, int token) {
                int[] next = java.util.Arrays.copyOf(prefix, prefix.length + 1);
                next[prefix.length] = token;
                if (next.length > maxLength) {
                    throw new IllegalArgumentException("DecoderOnlyTransformer: sequence longer than " + maxLength);
                }
                try (GradMode ignored = Autograd.noGradScope()) {
                    Tensor out = forward(Tensor.ofIndices(next, 1, next.length).to(head.weight().get().device()));
                    Tensor last = Functional.logSoftmax(out.select(1, next.length - 1), 1);
                    return new Step<>(last.toDoubleArray(), next);
                }
            }
        };
    }

    /** The number of token ids. */
    public int vocabulary() {
        return vocabulary;
    }
}
