package dev.nabla.nn.rnn;

import dev.nabla.Tensor;

/**
 * Core's recurrence for one layer, for any backend: the input projection of all steps is one matrix
 * product, the recurrence runs step by step over the fused cell kernels, and the backward runs through time
 * by hand, so the weight gradients are single matrix products over all steps rather than one per step.
 * Padded steps (mask 0) output zeros, keep the state and pass no gradient.
 */
final class StepwiseRecurrence implements LayerRecurrence {

    private final CellKind kind;
    private final Tensor mask;
    private Direction[] directions;

    /**
     * @param mask {@code [T, B, 1]} of 0/1 in the input's dtype, or null when every step is valid
     */
    StepwiseRecurrence(CellKind kind, Tensor mask) {
        this.kind = kind;
        this.mask = mask;
    }

    @Override
    public Tensor[] forward(Tensor x, Tensor h0, Tensor c0, Tensor[][] weights, boolean training) {
        directions = new Direction[weights.length];
        Tensor[] ys = new Tensor[weights.length];
        Tensor[] hy = new Tensor[weights.length];
        Tensor[] cy = new Tensor[weights.length];
        for (int d = 0; d < weights.length; d++) {
            directions[d] = new Direction(x, weights[d], d == 1);
            Tensor[] out = directions[d].forward(h0.select(0, d), c0 == null ? null : c0.select(0, d));
            ys[d] = out[0];
            hy[d] = out[1];
            cy[d] = out[2];
        }
        return RecurrenceSteps.layerOutputs(ys, hy, c0 == null ? null : cy);
    }

    @Override
    public Tensor[] backward(Tensor dy, Tensor dhy, Tensor dcy) {
        int hidden = dhy.size(2);
        Tensor dx = null;
        Tensor[] dh0 = new Tensor[directions.length];
        Tensor[] dc0 = new Tensor[directions.length];
        Tensor[] grads = new Tensor[3 + directions.length * directions[0].weights.length];
        for (int d = 0; d < directions.length; d++) {
            Tensor[] g = directions[d].backward(dy.narrow(2, d * hidden, hidden), dhy.select(0, d),
                    dcy == null ? null : dcy.select(0, d));
            dx = dx == null ? g[0] : dx.add(g[0]);
            dh0[d] = g[1];
            dc0[d] = g[2];
            System.arraycopy(g, 3, grads, 3 + d * (g.length - 3), g.length - 3);
        }
        grads[0] = dx;
        grads[1] = Tensor.stack(0, dh0);
        grads[2] = dcy == null ? null : Tensor.stack(0, dc0);
        return grads;
    }

    /** One direction's forward and what its backward needs. */
    private final class Direction {
        private final Tensor x;
        private final Tensor[] weights;
        private final boolean reverse;
        private final int steps;
        private Tensor xProj;
        /** Per step t: the state before the step, and the cell's saved operands (LSTM gates and [h | c']; GRU hidden projection; RNN output). */
        private Tensor[] hPrev;
        private Tensor[] cPrev;
        private Tensor[] cellIn;
        private Tensor[] cellOut;

        Direction(Tensor x, Tensor[] weights, boolean reverse) {
            this.x = x;
            this.weights = weights;
            this.reverse = reverse;
            this.steps = x.size(0);
        }

        private Tensor wih() {
            return weights[0];
        }

        private Tensor whh() {
            return weights[1];
        }

        /** Returns {outputs [T, B, H], final h, final c}. */
        Tensor[] forward(Tensor h, Tensor c) {
            xProj = RecurrenceSteps.inputProjection(x, weights);
            Tensor bhh = RecurrenceSteps.hiddenBias(weights);
            hPrev = new Tensor[steps];
            cPrev = new Tensor[steps];
            cellIn = new Tensor[steps];
            cellOut = new Tensor[steps];
            Tensor whhT = whh().t();
            Tensor[] outputs = new Tensor[steps];
            for (int i = 0; i < steps; i++) {
                int t = reverse ? steps - 1 - i : i;
                hPrev[t] = h;
                cPrev[t] = c;
                Tensor hProj = h.matmul(whhT);
                if (bhh != null) {
                    hProj = hProj.add(bhh);
                }
                Tensor hNew;
                Tensor cNew = null;
                switch (kind) {
                    case LSTM -> {
                        cellIn[t] = xProj.select(0, t).add(hProj);
                        cellOut[t] = FusedLstmCell.forward(cellIn[t], c);
                        int hidden = c.size(1);
                        hNew = cellOut[t].narrow(1, 0, hidden);
                        cNew = cellOut[t].narrow(1, hidden, hidden);
                    }
                    case GRU -> {
                        cellIn[t] = hProj;
                        hNew = FusedGruCell.forward(xProj.select(0, t), hProj, h);
                    }
                    case RNN_TANH -> {
                        hNew = xProj.select(0, t).add(hProj).tanh();
                        cellOut[t] = hNew;
                    }
                    default -> {
                        hNew = xProj.select(0, t).add(hProj).relu();
                        cellOut[t] = hNew;
                    }
                }
                Tensor[] advanced = RecurrenceSteps.advance(mask, t, hNew, cNew, h, c);
                outputs[t] = advanced[0];
                h = advanced[1];
                c = advanced[2];
            }
            return new Tensor[] {Tensor.stack(0, outputs), h, c};
        }

        /** Returns {dx, dh0, dc0, the weights' gradients}. */
        Tensor[] backward(Tensor dy, Tensor dh, Tensor dc) {
            Tensor[] dxProj = new Tensor[steps];
            Tensor[] dhProj = new Tensor[steps];
            Tensor whh = whh();
            for (int i = steps - 1; i >= 0; i--) {
                int t = reverse ? steps - 1 - i : i;
                Tensor dhNew = dy.select(0, t).add(dh);
                Tensor dcNew = dc;
                Tensor carryH = null;
                Tensor carryC = null;
                if (mask != null) {
                    // h_t = m·h' + (1 − m)·h_{t−1}: the kept share of the gradient skips the step
                    Tensor m = mask.select(0, t);
                    Tensor keep = m.rsub(1);
                    dhNew = dhNew.mul(m);
                    carryH = dh.mul(keep);
                    if (dc != null) {
                        dcNew = dc.mul(m);
                        carryC = dc.mul(keep);
                    }
                }
                Tensor dhDirect = null;
                switch (kind) {
                    case LSTM -> {
                        Tensor[] g = FusedLstmCell.backward(cellIn[t], cPrev[t], cellOut[t], Tensor.cat(1, dhNew, dcNew));
                        dxProj[t] = g[0];
                        dhProj[t] = g[0];
                        dc = carryC == null ? g[1] : g[1].add(carryC);
                    }
                    case GRU -> {
                        Tensor[] g = FusedGruCell.backward(xProj.select(0, t), cellIn[t], hPrev[t], dhNew);
                        dxProj[t] = g[0];
                        dhProj[t] = g[1];
                        dhDirect = g[2];
                    }
                    case RNN_TANH -> {
                        Tensor y = cellOut[t];
                        dxProj[t] = dhNew.mul(y.mul(y).rsub(1));
                        dhProj[t] = dxProj[t];
                    }
                    default -> {
                        dxProj[t] = dhNew.mul(cellOut[t].gt(0).to(dhNew.dtype()));
                        dhProj[t] = dxProj[t];
                    }
                }
                dh = dhProj[t].matmul(whh);
                if (dhDirect != null) {
                    dh = dh.add(dhDirect);
                }
                if (carryH != null) {
                    dh = dh.add(carryH);
                }
            }
            return weightGradients(Tensor.stack(0, dxProj), kind == CellKind.GRU ? Tensor.stack(0, dhProj) : null,
                    dh, dc);
        }

        /** The products over all steps at once: {@code dW = Σ_t dProj_tᵀ · v_t} as one matrix product. */
        private Tensor[] weightGradients(Tensor dxAll, Tensor dhAllOrNull, Tensor dh0, Tensor dc0) {
            Tensor dhAll = dhAllOrNull == null ? dxAll : dhAllOrNull;
            int rows = steps * x.size(1);
            int width = dxAll.size(2);
            Tensor dxRows = dxAll.reshape(rows, width);
            Tensor dhRows = dhAll.reshape(rows, width);
            Tensor[] g = new Tensor[3 + weights.length];
            g[0] = dxAll.matmul(wih());
            g[1] = dh0;
            g[2] = dc0;
            g[3] = dxRows.t().matmul(x.reshape(rows, x.size(2)));
            g[4] = dhRows.t().matmul(Tensor.stack(0, hPrev).reshape(rows, whh().size(1)));
            if (weights.length == 4) {
                g[5] = dxRows.sum(0);
                g[6] = dhRows.sum(0);
            }
            return g;
        }
    }
}
