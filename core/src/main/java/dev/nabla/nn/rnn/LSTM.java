package dev.nabla.nn.rnn;

/** A long short-term memory layer over whole sequences. */
public class LSTM extends RecurrentLayer {

    /** A one-layer LSTM, time-first. */
    public LSTM(int inputSize, int hiddenSize) {
        this(RecurrentOptions.of(inputSize, hiddenSize));
    }

    /** An LSTM with the given options. */
    public LSTM(RecurrentOptions options) {
        super(CellKind.LSTM, options);
    }
}
