package dev.nabla.nn.rnn;

import dev.nabla.Tensor;

/**
 * The per-direction arithmetic that the recorded (cell-by-cell) and the graph-free ({@link StepwiseRecurrence})
 * recurrences share. A direction's weights are {@code W_ih, W_hh} and, with bias, {@code b_ih, b_hh}.
 */
final class RecurrenceSteps {

    private RecurrenceSteps() {
    }

    /** {@code x W_ihᵀ + b_ih} for x of shape {@code [..., input]}. */
    static Tensor inputProjection(Tensor x, Tensor[] weights) {
        Tensor p = x.matmul(weights[0].t());
        return weights.length == 4 ? p.add(weights[2]) : p;
    }

    /** {@code b_hh}, or null without bias. */
    static Tensor hiddenBias(Tensor[] weights) {
        return weights.length == 4 ? weights[3] : null;
    }

    /**
     * The output of step t and the state after it, {@code {output, h, c}}, from the cell's {@code h'} and
     * {@code c'} (null unless LSTM): where the step mask is 0 the output is zero and the state stays.
     *
     * @param mask {@code [T, B, 1]} of 0/1, or null when every step is valid
     */
    static Tensor[] advance(Tensor mask, int t, Tensor hNew, Tensor cNew, Tensor h, Tensor c) {
        if (mask == null) {
            return new Tensor[] {hNew, hNew, cNew};
        }
        Tensor m = mask.select(0, t);
        Tensor keep = m.rsub(1);
        Tensor output = hNew.mul(m);
        return new Tensor[] {output, output.add(h.mul(keep)), cNew == null ? null : cNew.mul(m).add(c.mul(keep))};
    }

    /**
     * A layer's {@code {y [T, B, D·H], hy [D, B, H], cy}} from each direction's outputs and final states, the
     * directions' outputs concatenated forward first.
     *
     * @param cy the final cell states, or null unless LSTM
     */
    static Tensor[] layerOutputs(Tensor[] ys, Tensor[] hy, Tensor[] cy) {
        return new Tensor[] {ys.length == 1 ? ys[0] : Tensor.cat(2, ys), Tensor.stack(0, hy),
            cy == null ? null : Tensor.stack(0, cy)};
    }
}
