package dev.nabla.nn.rnn;

import dev.nabla.Tensor;

/** Argument checks shared by the recurrent modules. */
final class RecurrentChecks {

    private RecurrentChecks() {
    }

    static void sizes(String op, int input, int hidden, int layers) {
        if (input <= 0 || hidden <= 0 || layers <= 0) {
            throw new IllegalArgumentException(op + ": input size, hidden size and layer count must be positive, got input="
                    + input + " hidden=" + hidden + " layers=" + layers);
        }
    }

    static void state(String op, String what, Tensor t, int batch, int hidden) {
        if (t.rank() != 2 || t.size(0) != batch || t.size(1) != hidden) {
            throw new IllegalArgumentException(op + ": " + what + " must have shape [" + batch + ", " + hidden
                    + "], got " + t.shape());
        }
    }
}
