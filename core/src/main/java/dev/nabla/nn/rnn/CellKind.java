package dev.nabla.nn.rnn;

import dev.nabla.Tensor;
import dev.nabla.backend.fast.GruCellKernel;
import dev.nabla.backend.fast.LstmCellKernel;
import java.util.List;

/**
 * The recurrence of each cell type, written once and shared by the single-step cells and the
 * whole-sequence layers. Gate order follows PyTorch, so state dicts are interchangeable.
 */
public enum CellKind {
    /** {@code h' = tanh(W_ih x + b_ih + W_hh h + b_hh)}. */
    RNN_TANH(1),
    /** {@code h' = relu(W_ih x + b_ih + W_hh h + b_hh)}. */
    RNN_RELU(1),
    /** Gates i, f, g, o: {@code c' = σ(f)c + σ(i)tanh(g)}, {@code h' = σ(o)tanh(c')}. */
    LSTM(4),
    /** Gates r, z, n: {@code n = tanh(x_n + r(W_hn h + b_hn))}, {@code h' = (1-z)n + zh}. */
    GRU(3);

    private final int gates;

    CellKind(int gates) {
        this.gates = gates;
    }

    /** The number of gate blocks stacked in the weight matrices. */
    public int gates() {
        return gates;
    }

    /** Whether the cell carries a cell state besides the hidden state. */
    public boolean hasCellState() {
        return this == LSTM;
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
                Tensor gates = xProj.add(hProj);
                if (gates.backend() instanceof LstmCellKernel && gates.dtype() == c.dtype()) {
                    Tensor hc = FusedLstmCell.apply(gates, c);
                    int hidden = c.size(1);
                    return new Tensor[] {hc.narrow(1, 0, hidden), hc.narrow(1, hidden, hidden)};
                }
                List<Tensor> g = gates.chunk(4, 1);
                Tensor cNew = g.get(1).sigmoid().mul(c).add(g.get(0).sigmoid().mul(g.get(2).tanh()));
                return new Tensor[] {g.get(3).sigmoid().mul(cNew.tanh()), cNew};
            }
            default: {
                if (xProj.backend() instanceof GruCellKernel && xProj.dtype() == h.dtype()
                        && hProj.dtype() == h.dtype()) {
                    return new Tensor[] {FusedGruCell.apply(xProj, hProj, h), null};
                }
                GruGates g = GruGates.of(xProj, hProj);
                return new Tensor[] {g.n().sub(g.n().mul(g.z())).add(g.z().mul(h)), null};
            }
        }
    }
}
