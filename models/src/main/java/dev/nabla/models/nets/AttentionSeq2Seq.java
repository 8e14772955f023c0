package dev.nabla.models.nets;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.nn.Embedding;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.attention.AdditiveAttention;
import dev.nabla.nn.attention.AttentionMask;
import dev.nabla.nn.attention.SequenceAttention;
import dev.nabla.nn.decoding.SequenceScorer;
import dev.nabla.nn.rnn.GRU;
import dev.nabla.nn.rnn.GRUCell;
import dev.nabla.nn.rnn.RecurrentOptions;
import dev.nabla.nn.rnn.RecurrentOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * An encoder-decoder RNN with Bahdanau attention: a GRU reads the source; at each target step the
 * previous decoder state attends over the encoder outputs (additive score), and a GRU cell takes the
 * previous token's embedding with that context. The next-token logits come from the new state and
 * the context. Training feeds the true previous tokens (teacher forcing).
 */
public class AttentionSeq2Seq extends Module {

    private final Embedding embedding;
    private final GRU encoder;
    private final AdditiveAttention attention;
    private final GRUCell decoder;
    private final Linear head;
    private final int hidden;

    /**
     * The encoded source: the outputs attended over and the decoder's initial state.
     *
     * @param outputs {@code [B, L, hidden]}
     * @param last {@code [B, hidden]}, the encoder's final state
     */
    public record Encoded(Tensor outputs, Tensor last) {

        /** Row {@code i} alone (a batch of one), for beam search. */
        Encoded row(int i) {
            return new Encoded(outputs.narrow(0, i, 1), last.narrow(0, i, 1));
        }
    }

    /**
     * One decoder step's result.
     *
     * @param logits next-token logits {@code [B, vocabulary]}
     * @param state the new decoder state {@code [B, hidden]}
     */
    public record DecoderStep(Tensor logits, Tensor state) {
    }

    /**
     * @param vocabulary token ids shared by source and target
     * @param embedDim the token embedding width
     * @param hidden the encoder and decoder state width (also the attention width)
     */
    public AttentionSeq2Seq(int vocabulary, int embedDim, int hidden) {
        this.hidden = hidden;
        embedding = registerModule("embedding", new Embedding(vocabulary, embedDim));
        encoder = registerModule("encoder", new GRU(RecurrentOptions.of(embedDim, hidden).withBatchFirst(true)));
        attention = registerModule("attention", new AdditiveAttention(hidden, hidden, hidden));
        decoder = registerModule("decoder", new GRUCell(embedDim + hidden, hidden));
        head = registerModule("head", new Linear(2 * hidden, vocabulary));
    }

    /** Encodes source ids {@code [B, L]} (INT64). */
    public Encoded encode(Tensor source) {
        if (source.rank() != 2) {
            throw new IllegalArgumentException("AttentionSeq2Seq.encode: expected source ids [batch, length], got " + source.shape());
        }
        RecurrentOutput out = encoder.run(embedding.forward(source), null, null, null);
        return new Encoded(out.output(), out.hidden().select(0, 0));
    }

    /** One decoder step from {@code state [B, hidden]} consuming {@code tokens [B]} (INT64). */
    public DecoderStep step(Encoded source, Tensor state, Tensor tokens) {
        Tensor context = attention.attend(state, source.outputs(), source.outputs(), AttentionMask.none()).context();
        Tensor next = decoder.step(Tensor.cat(1, embedding.forward(tokens), context), state, null)[0];
        return new DecoderStep(head.forward(Tensor.cat(1, next, context)), next);
    }

    /**
     * Teacher-forced logits {@code [B, T, vocabulary]}: step {@code t} consumes {@code inputs[:, t]}.
     *
     * @param source source ids {@code [B, L]}
     * @param inputs decoder input ids {@code [B, T]}, the start token then the target shifted right
     */
    public Tensor teacherForced(Tensor source, Tensor inputs) {
        Encoded encoded = encode(source);
        Tensor state = encoded.last();
        List<Tensor> logits = new ArrayList<>();
        for (int t = 0; t < inputs.size(1); t++) {
            DecoderStep s = step(encoded, state, inputs.select(1, t));
            logits.add(s.logits());
            state = s.state();
        }
        return Tensor.stack(1, logits.toArray(new Tensor[0]));
    }

    /** Not meaningful for a two-input model: use {@link #teacherForced}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("AttentionSeq2Seq: use teacherForced(source, inputs)");
    }

    /**
     * Greedy decoding of a whole batch: {@code length} tokens after {@code start}, each the most
     * likely under the previous ones.
     *
     * @return {@code [B, length]} INT64 token ids
     */
    public Tensor greedy(Tensor source, int start, int length) {
        try (GradMode ignored = Autograd.noGradScope()) {
            Encoded encoded = encode(source);
            Tensor state = encoded.last();
            Tensor tokens = Tensor.full(start, dev.nabla.DType.INT64, source.device(), source.size(0));
            List<Tensor> out = new ArrayList<>();
            for (int t = 0; t < length; t++) {
                DecoderStep s = step(encoded, state, tokens);
                tokens = s.logits().argmax(1, false);
                state = s.state();
                out.add(tokens);
            }
            return Tensor.stack(1, out.toArray(new Tensor[0]));
        }
    }

    /**
     * A decoder view of one source row for {@link dev.nabla.nn.decoding.BeamSearch}: the state is the
     * decoder's hidden state {@code [1, hidden]}, so beams that branch share no mutable data.
     *
     * @param source source ids {@code [1, L]}
     */
    public SequenceScorer<Tensor> scorer(Tensor source) {
        if (source.rank() != 2 || source.size(0) != 1) {
            throw new IllegalArgumentException("AttentionSeq2Seq.scorer: expected one source row [1, length], got " + source.shape());
        }
        Encoded encoded;
        try (GradMode ignored = Autograd.noGradScope()) {
            encoded = encode(source);
        }
        return new SequenceScorer<>() {
            @Override
            public Tensor initialState() {
                return encoded.last();
            }

            @Override
            public SequenceScorer.Step<Tensor> step(Tensor state, int token) {
                try (GradMode ignored = Autograd.noGradScope()) {
                    Tensor ids = Tensor.ofIndices(new int[] {token}, 1).to(source.device());
                    DecoderStep s = AttentionSeq2Seq.this.step(encoded, state, ids);
                    return new SequenceScorer.Step<>(Functional.logSoftmax(s.logits(), 1).toDoubleArray(), s.state());
                }
            }
        };
    }

    /** The decoder state width. */
    public int hidden() {
        return hidden;
    }
}
