package dev.nabla.nn.rnn;

import dev.nabla.Tensor;

/**
 * What a whole-sequence recurrent layer returns.
 *
 * @param output the last layer's hidden state at every step, {@code [T, B, directions·H]}
 *     (batch-first: {@code [B, T, ...]}); zero at padded steps
 * @param hidden the final hidden state of every layer and direction, {@code [layers·directions, B, H]}
 * @param cell the final LSTM cell states, same shape, or null for RNN/GRU
 */
public record RecurrentOutput(Tensor output, Tensor hidden, Tensor cell) {

    /** Shapes, dtypes and devices, never the values: {@code RecurrentOutput[output=[50, 32, 256] float32 cpu, ...]}. */
    @Override
    public String toString() {
        return "RecurrentOutput[output=" + describe(output) + ", hidden=" + describe(hidden) + ", cell=" + describe(cell)
                + "]";
    }

    private static String describe(Tensor t) {
        return t == null ? "null" : t.shape() + " " + t.dtype().id() + " " + t.device();
    }
}
