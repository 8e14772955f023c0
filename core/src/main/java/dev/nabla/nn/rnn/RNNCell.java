package dev.nabla.nn.rnn;

/** An Elman cell: {@code h' = tanh(W_ih x + b_ih + W_hh h + b_hh)}, or ReLU instead of tanh. */
public class RNNCell extends RecurrentCell {

    /** A tanh cell with bias. */
    public RNNCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true, false);
    }

    /** A cell with or without bias, tanh or ReLU. */
    public RNNCell(int inputSize, int hiddenSize, boolean bias, boolean relu) {
        super(relu ? CellKind.RNN_RELU : CellKind.RNN_TANH, inputSize, hiddenSize, bias, Double.NaN);
    }
}
