package dev.nabla.nn.rnn;

/** A gated recurrent unit: reset and update gates, no separate cell state. */
public class GRUCell extends RecurrentCell {

    /** A cell with bias. */
    public GRUCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true);
    }

    /** A cell with or without bias. */
    public GRUCell(int inputSize, int hiddenSize, boolean bias) {
        super(CellKind.GRU, inputSize, hiddenSize, bias, Double.NaN);
    }
}
