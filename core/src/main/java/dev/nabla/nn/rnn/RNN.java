package dev.nabla.nn.rnn;

/** An Elman recurrent layer (tanh, or ReLU) over whole sequences. */
public class RNN extends RecurrentLayer {

    /** A one-layer tanh RNN, time-first. */
    public RNN(int inputSize, int hiddenSize) {
        this(RecurrentOptions.of(inputSize, hiddenSize), false);
    }

    /** A tanh or ReLU RNN with the given options. */
    public RNN(RecurrentOptions options, boolean relu) {
        super(relu ? CellKind.RNN_RELU : CellKind.RNN_TANH, options);
    }
}
