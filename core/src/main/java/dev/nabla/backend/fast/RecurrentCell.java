package dev.nabla.backend.fast;

/**
 * The cell types a {@link RecurrenceKernel} runs. Gate blocks are stacked in PyTorch's order, which is also
 * cuDNN's: LSTM {@code i, f, g, o}, GRU {@code r, z, n} with {@code n = tanh(W_in x + b_in + r·(W_hn h + b_hn))}.
 */
public enum RecurrentCell {
    /** {@code h' = tanh(W_ih x + b_ih + W_hh h + b_hh)}. */
    RNN_TANH(1),
    /** {@code h' = relu(W_ih x + b_ih + W_hh h + b_hh)}. */
    RNN_RELU(1),
    /** Four gates and a cell state. */
    LSTM(4),
    /** Three gates. */
    GRU(3);

    private final int gates;

    RecurrentCell(int gates) {
        this.gates = gates;
    }

    /** The number of gate blocks stacked in each weight matrix. */
    public int gates() {
        return gates;
    }

    /** Whether the cell carries a cell state besides the hidden state. */
    public boolean hasCellState() {
        return this == LSTM;
    }
}
