package dev.nabla.nn.rnn;

import dev.nabla.Tensor;
import dev.nabla.nn.Module;

/**
 * A single recurrent step, for decoders that feed their own outputs back: {@link RNNCell},
 * {@link LSTMCell}, {@link GRUCell}.
 */
public abstract class RecurrentCell extends Module {

    private final CellKind kind;
    private final int inputSize;
    private final int hiddenSize;
    private final CellWeights weights;

    RecurrentCell(CellKind kind, int inputSize, int hiddenSize, boolean bias, double forgetBias) {
        RecurrentChecks.sizes(getClass().getSimpleName(), inputSize, hiddenSize, 1);
        this.kind = kind;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.weights = CellWeights.register(this::registerParameter, "", kind, inputSize, hiddenSize, bias, forgetBias);
    }

    /** The hidden size. */
    public int hiddenSize() {
        return hiddenSize;
    }

    /**
     * One step from zero state is {@code forward(x)}; this is the general form.
     *
     * @param x input {@code [B, input]}
     * @param h previous hidden state {@code [B, hidden]} (null: zeros)
     * @param c previous cell state for LSTM (null: zeros), ignored otherwise
     * @return {@code {h'}} or, for LSTM, {@code {h', c'}}
     */
    public Tensor[] step(Tensor x, Tensor h, Tensor c) {
        String op = getClass().getSimpleName();
        if (x.rank() != 2 || x.size(1) != inputSize) {
            throw new IllegalArgumentException(op + ": expected input [batch, " + inputSize + "], got " + x.shape());
        }
        Tensor h0 = h != null ? h : Tensor.zeros(x.dtype(), x.device(), x.size(0), hiddenSize);
        RecurrentChecks.state(op, "hidden state", h0, x.size(0), hiddenSize);
        Tensor c0 = null;
        if (kind.hasCellState()) {
            c0 = c != null ? c : Tensor.zeros(x.dtype(), x.device(), x.size(0), hiddenSize);
            RecurrentChecks.state(op, "cell state", c0, x.size(0), hiddenSize);
        }
        Tensor[] out = weights.step(kind, weights.projectInput(x), h0, c0);
        return kind.hasCellState() ? out : new Tensor[] {out[0]};
    }

    /** The new hidden state from zero initial state. */
    @Override
    public Tensor forward(Tensor x) {
        return step(x, null, null)[0];
    }
}
