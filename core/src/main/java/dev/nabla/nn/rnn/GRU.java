package dev.nabla.nn.rnn;

/** A gated recurrent unit layer over whole sequences. */
public class GRU extends RecurrentLayer {

    /** A one-layer GRU, time-first. */
    public GRU(int inputSize, int hiddenSize) {
        this(RecurrentOptions.of(inputSize, hiddenSize));
    }

    /** A GRU with the given options. */
    public GRU(RecurrentOptions options) {
        super(CellKind.GRU, options);
    }
}
