package dev.nabla.models.nets;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.nn.Embedding;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.decoding.Sampler;
import dev.nabla.nn.rnn.LSTM;
import dev.nabla.nn.rnn.RecurrentOptions;
import dev.nabla.nn.rnn.RecurrentOutput;

/**
 * A character-level LSTM language model: embedding, a stacked LSTM, and a linear read-out to the
 * next character's logits. Trained with teacher forcing (the true previous characters as input);
 * {@link #generate} feeds its own samples back, carrying the LSTM state one character at a time.
 */
public class CharLstm extends Module {

    private final Embedding embedding;
    private final LSTM lstm;
    private final Linear head;
    private final int vocabulary;

    /**
     * @param vocabulary the number of distinct characters
     * @param embedDim the embedding width
     * @param hidden the LSTM state width
     * @param layers stacked LSTM layers
     */
    public CharLstm(int vocabulary, int embedDim, int hidden, int layers) {
        this.vocabulary = vocabulary;
        embedding = registerModule("embedding", new Embedding(vocabulary, embedDim));
        lstm = registerModule("lstm", new LSTM(RecurrentOptions.of(embedDim, hidden).withLayers(layers).withBatchFirst(true)));
        head = registerModule("head", new Linear(hidden, vocabulary));
    }

    /** Next-character logits {@code [B, T, V]} for character ids {@code [B, T]} (INT64), from a zero state. */
    @Override
    public Tensor forward(Tensor ids) {
        return step(ids, null, null).logits();
    }

    /**
     * Runs {@code ids [B, T]} from the given state (null for zeros).
     *
     * @return the logits {@code [B, T, V]} and the final state
     */
    public State step(Tensor ids, Tensor h, Tensor c) {
        if (ids.rank() != 2) {
            throw new IllegalArgumentException("CharLstm: expected character ids [batch, time], got " + ids.shape());
        }
        RecurrentOutput out = lstm.run(embedding.forward(ids), h, c, null);
        return new State(head.forward(out.output()), out.hidden(), out.cell());
    }

    /**
     * Continues {@code prompt} by {@code length} characters.
     *
     * @param sampler draws each next character from the logits
     * @return the generated ids (without the prompt)
     */
    public int[] generate(int[] prompt, int length, Sampler sampler) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("CharLstm.generate: the prompt is empty");
        }
        int[] out = new int[length];
        try (GradMode ignored = Autograd.noGradScope()) {
            Tensor device = embedding.weight().get();
            State s = step(Tensor.ofIndices(prompt, 1, prompt.length).to(device.device()), null, null);
            for (int i = 0; i < length; i++) {
                Tensor last = s.logits().select(1, s.logits().size(1) - 1);
                out[i] = sampler.sample(last.reshape(-1).toDoubleArray());
                s = step(Tensor.ofIndices(new int[] {out[i]}, 1, 1).to(device.device()), s.hidden(), s.cell());
            }
        }
        return out;
    }

    /** The number of characters. */
    public int vocabulary() {
        return vocabulary;
    }

    /**
     * Logits and the recurrent state after a run.
     *
     * @param logits {@code [B, T, V]}
     * @param hidden {@code [layers, B, H]}
     * @param cell {@code [layers, B, H]}
     */
    public record State(Tensor logits, Tensor hidden, Tensor cell) {
    }
}
