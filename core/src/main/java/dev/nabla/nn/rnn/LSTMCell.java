package dev.nabla.nn.rnn;

/** A long short-term memory cell: input, forget and output gates over a cell state. */
public class LSTMCell extends RecurrentCell {

    /** A cell with bias and PyTorch's initialisation. */
    public LSTMCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true, Double.NaN);
    }

    /**
     * A cell whose forget-gate bias (b_ih + b_hh) starts at {@code forgetBias} (NaN: PyTorch's
     * uniform initialisation); 1 is the usual choice to remember by default.
     */
    public LSTMCell(int inputSize, int hiddenSize, boolean bias, double forgetBias) {
        super(CellKind.LSTM, inputSize, hiddenSize, bias, forgetBias);
    }
}
