package dev.nabla.cpu;

import dev.nabla.cpu.kernels.FloatFunctions;
import dev.nabla.cpu.kernels.ThreadBuffers;

/**
 * The fused LSTM cell over float32 rows, in float: per batch row, the four gate activations go through the
 * vector {@link FloatFunctions} into a scratch row (sigmoid for i, f, o and tanh for g, each within 2 ulps),
 * then plain float loops form the state, the output and the gradients. Evaluating the activations one value at
 * a time in double took about half of an LSTM training step.
 */
final class FloatLstmCell {

    private static final int ROW_GRAIN = 4;
    private static final FloatFunctions F = FloatMath.FUNCTIONS;
    /** Per thread: the activated gates [i | f | g | o] of a row, and tanh of its new cell state. */
    private static final ThreadBuffers SCRATCH = new ThreadBuffers(2);
    private static final int GATES = 0;
    private static final int TANH_C = 1;

    private FloatLstmCell() {
    }

    /** {@code act[0..4H) = [σ(i) | σ(f) | tanh(g) | σ(o)]} of the row of pre-activations at {@code a[at..]}. */
    private static float[] activated(float[] a, int at, int hidden) {
        float[] act = SCRATCH.get(GATES, 4 * hidden);
        F.sigmoid(a, at, act, 0, 2 * hidden);
        F.tanh(a, at + 2 * hidden, act, 2 * hidden, hidden);
        F.sigmoid(a, at + 3 * hidden, act, 3 * hidden, hidden);
        return act;
    }

    /**
     * {@code hc[b] = [σ(o)·tanh(c') | c']} with {@code c' = σ(f)·c + σ(i)·tanh(g)}, for gates {@code [B, 4H]}
     * and state {@code [B, H]} starting at the given offsets (contiguous rows).
     */
    static void forward(float[] gates, int go, float[] c, int co, float[] hc, int ho, int batch, int hidden) {
        Parallel.forRange(batch, ROW_GRAIN, (from, to) -> {
            for (int b = from; b < to; b++) {
                float[] act = activated(gates, go + b * 4 * hidden, hidden);
                int cRow = co + b * hidden;
                int hRow = ho + b * 2 * hidden;
                for (int j = 0; j < hidden; j++) {
                    hc[hRow + hidden + j] = act[hidden + j] * c[cRow + j] + act[j] * act[2 * hidden + j];
                }
                float[] tc = SCRATCH.get(TANH_C, hidden);
                F.tanh(hc, hRow + hidden, tc, 0, hidden);
                for (int j = 0; j < hidden; j++) {
                    hc[hRow + j] = act[3 * hidden + j] * tc[j];
                }
            }
        });
    }

    /**
     * The gradients of the gates and of the previous cell state from the gradient {@code gradHc} of
     * {@code [h | c']}; {@code hc} is the forward's output, whose c' half gives tanh(c') again.
     */
    static void backward(float[] gates, int go, float[] c, int co, float[] hc, int ho, float[] gradHc, int gho,
            float[] gradGates, int ggo, float[] gradC, int gco, int batch, int hidden) {
        Parallel.forRange(batch, ROW_GRAIN, (from, to) -> {
            for (int b = from; b < to; b++) {
                float[] act = activated(gates, go + b * 4 * hidden, hidden);
                float[] tc = SCRATCH.get(TANH_C, hidden);
                F.tanh(hc, ho + b * 2 * hidden + hidden, tc, 0, hidden);
                int cRow = co + b * hidden;
                int gRow = gho + b * 2 * hidden;
                int daRow = ggo + b * 4 * hidden;
                int dcRow = gco + b * hidden;
                for (int j = 0; j < hidden; j++) {
                    float i = act[j];
                    float f = act[hidden + j];
                    float g = act[2 * hidden + j];
                    float o = act[3 * hidden + j];
                    float gh = gradHc[gRow + j];
                    float dc = gradHc[gRow + hidden + j] + gh * o * (1 - tc[j] * tc[j]);
                    gradGates[daRow + j] = dc * g * i * (1 - i);
                    gradGates[daRow + hidden + j] = dc * c[cRow + j] * f * (1 - f);
                    gradGates[daRow + 2 * hidden + j] = dc * i * (1 - g * g);
                    gradGates[daRow + 3 * hidden + j] = gh * tc[j] * o * (1 - o);
                    gradC[dcRow + j] = dc * f;
                }
            }
        });
    }
}
