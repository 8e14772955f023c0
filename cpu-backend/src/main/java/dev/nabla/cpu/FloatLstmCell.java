package dev.nabla.cpu;

import dev.nabla.cpu.kernels.FloatFunctions;
import dev.nabla.cpu.kernels.ThreadBuffers;

/**
 * The fused LSTM cell over float32 rows, in float: the four gate activations go through the vector
 * {@link FloatFunctions} (sigmoid for i, f, o and tanh for g, each within 2 ulps), then plain float loops form
 * the state, the output and the gradients. Evaluating the activations one value at a time in double took about
 * half of an LSTM training step.
 *
 * <p>Each pass over the rows calls one SIMD function from one call site. Inlined, a SIMD function is a few
 * hundred Vector API calls, and C2 stops inlining in a method at a fixed node budget: with sigmoid, tanh and
 * sigmoid again in one pass, the budget ran out inside tanh, whose exponential then ran as boxed vectors in the
 * Vector API's Java fallback, some 15 % of the LSTM training step. Each pass is a lambda of its own behind
 * {@link Parallel#forRange}, which C2 compiles on its own.
 */
final class FloatLstmCell {

    private static final int ROW_GRAIN = 4;
    private static final FloatFunctions F = FloatMath.FUNCTIONS;
    /** Per thread: the activated gates [i | f | g | o] of every row (the caller's), and tanh of a row's new cell state. */
    private static final ThreadBuffers SCRATCH = new ThreadBuffers(2);
    private static final int GATES = 0;
    private static final int TANH_C = 1;

    private FloatLstmCell() {
    }

    /**
     * {@code act[b] = [σ(i) | σ(f) | tanh(g) | σ(o)]} for the rows of pre-activations {@code gates [B, 4H]} from
     * {@code go}, in the calling thread's scratch (valid until the caller's next call).
     */
    private static float[] activated(float[] gates, int go, int batch, int hidden) {
        int width = 4 * hidden;
        float[] act = SCRATCH.get(GATES, batch * width);
        Parallel.forRange(batch, ROW_GRAIN, (from, to) -> {
            for (int b = from; b < to; b++) {
                // i and f, then o: one call site, so the pass holds one inlined sigmoid
                for (int part = 0; part < 2; part++) {
                    int first = part == 0 ? 0 : 3 * hidden;
                    F.sigmoid(gates, go + b * width + first, act, b * width + first, part == 0 ? 2 * hidden : hidden);
                }
            }
        });
        Parallel.forRange(batch, ROW_GRAIN, (from, to) -> {
            for (int b = from; b < to; b++) {
                F.tanh(gates, go + b * width + 2 * hidden, act, b * width + 2 * hidden, hidden);
            }
        });
        return act;
    }

    /**
     * {@code hc[b] = [σ(o)·tanh(c') | c']} with {@code c' = σ(f)·c + σ(i)·tanh(g)}, for gates {@code [B, 4H]}
     * and state {@code [B, H]} starting at the given offsets (contiguous rows).
     */
    static void forward(float[] gates, int go, float[] c, int co, float[] hc, int ho, int batch, int hidden) {
        float[] act = activated(gates, go, batch, hidden);
        Parallel.forRange(batch, ROW_GRAIN, (from, to) -> {
            for (int b = from; b < to; b++) {
                int a = b * 4 * hidden;
                int cRow = co + b * hidden;
                int hRow = ho + b * 2 * hidden;
                for (int j = 0; j < hidden; j++) {
                    hc[hRow + hidden + j] = act[a + hidden + j] * c[cRow + j] + act[a + j] * act[a + 2 * hidden + j];
                }
                float[] tc = SCRATCH.get(TANH_C, hidden);
                F.tanh(hc, hRow + hidden, tc, 0, hidden);
                for (int j = 0; j < hidden; j++) {
                    hc[hRow + j] = act[a + 3 * hidden + j] * tc[j];
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
        float[] act = activated(gates, go, batch, hidden);
        Parallel.forRange(batch, ROW_GRAIN, (from, to) -> {
            for (int b = from; b < to; b++) {
                int a = b * 4 * hidden;
                float[] tc = SCRATCH.get(TANH_C, hidden);
                F.tanh(hc, ho + b * 2 * hidden + hidden, tc, 0, hidden);
                int cRow = co + b * hidden;
                int gRow = gho + b * 2 * hidden;
                int daRow = ggo + b * 4 * hidden;
                int dcRow = gco + b * hidden;
                for (int j = 0; j < hidden; j++) {
                    float i = act[a + j];
                    float f = act[a + hidden + j];
                    float g = act[a + 2 * hidden + j];
                    float o = act[a + 3 * hidden + j];
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
