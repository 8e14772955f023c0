package dev.nabla.nn.decoding;

/**
 * A model seen by a decoder: from a state and the last token, the log-probabilities of the next
 * token and the state after consuming it. RNN decoders carry their hidden state, Transformers
 * their key/value cache, and a stateless model can carry the prefix.
 *
 * @param <S> the decoder state; must not be mutated by {@link #step} (beams share states)
 */
public interface SequenceScorer<S> {

    /** The next-token distribution and the successor state. */
    record Step<S>(double[] logProbs, S state) {
    }

    /** The state before the first token. */
    S initialState();

    /** Consumes {@code token} in {@code state}. */
    Step<S> step(S state, int token);
}
