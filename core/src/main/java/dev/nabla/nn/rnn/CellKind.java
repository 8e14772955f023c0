package dev.nabla.nn.rnn;

import dev.nabla.Tensor;
import dev.nabla.backend.fast.RecurrentCell;

/**
 * The recurrence of each cell type, written once and shared by the single-step cells and the
 * whole-sequence layers. Gate order follows PyTorch, so state dicts are interchangeable.
 */
public enum CellKind {
    /** {@code h' = tanh(W_ih x + b_ih + W_hh h + b_hh)}. */
    RNN_TANH(RecurrentCell.RNN_TANH),
    /** {@code h' = relu(W_ih x + b_ih + W_hh h + b_hh)}. */
    RNN_RELU(RecurrentCell.RNN_RELU),
    /** Gates i, f, g, o: {@code c' = σ(f)c + σ(i)tanh(g)}, {@code h' = σ(o)tanh(c')}. */
    LSTM(RecurrentCell.LSTM),
    /** Gates r, z, n: {@code n = tanh(x_n + r(W_hn h + b_hn))}, {@code h' = (1-z)n + zh}. */
    GRU(RecurrentCell.GRU);

    private final RecurrentCell cell;

    CellKind(RecurrentCell cell) {
        this.cell = cell;
    }

    /** The number of gate blocks stacked in the weight matrices. */
    public int gates() {
        return cell.gates();
    }

    /** Whether the cell carries a cell state besides the hidden state. */
    public boolean hasCellState() {
        return cell.hasCellState();
    }

    /** The same cell type as a backend kernel names it. */
    RecurrentCell cell() {
        return cell;
    }

    /**
     * One step.
     *
     * @param xProj {@code x W_ihᵀ + b_ih}, shape {@code [B, gates·H]}
     * @param h the previous hidden state {@code [B, H]}
     * @param c the previous cell state (LSTM) or null
     * @param whh {@code W_hh}, shape {@code [gates·H, H]}
     * @param bhh {@code b_hh} or null
     * @return the new hidden state and, for LSTM, the new cell state
     */
    public Tensor[] step(Tensor xProj, Tensor h, Tensor c, Tensor whh, Tensor bhh) {
        Tensor hProj = h.matmul(whh.t());
        if (bhh != null) {
            hProj = hProj.add(bhh);
        }
        switch (this) {
            case RNN_TANH:
                return new Tensor[] {xProj.add(hProj).tanh(), null};
            case RNN_RELU:
                return new Tensor[] {xProj.add(hProj).relu(), null};
            case LSTM: {
                Tensor hc = FusedLstmCell.apply(xProj.add(hProj), c);
                int hidden = c.size(1);
                return new Tensor[] {hc.narrow(1, 0, hidden), hc.narrow(1, hidden, hidden)};
            }
            default:
                return new Tensor[] {FusedGruCell.apply(xProj, hProj, h), null};
        }
    }
}
