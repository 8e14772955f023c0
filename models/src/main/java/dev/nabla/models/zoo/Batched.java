package dev.nabla.models.zoo;

import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;

/** Evaluation over a data set in slices, without gradients, so memory stays bounded. */
final class Batched {

    /** Samples per forward pass during evaluation. */
    static final int EVAL_BATCH = 500;

    private Batched() {
    }

    /** What is done with one slice {@code [from, from + length)}. */
    interface Slice {
        /** Processes the slice. */
        void accept(int from, int length);
    }

    /** Calls {@code slice} for consecutive slices covering {@code [0, n)}, with gradients off. */
    static void forEach(int n, Slice slice) {
        try (GradMode ignored = Autograd.noGradScope()) {
            for (int from = 0; from < n; from += EVAL_BATCH) {
                slice.accept(from, Math.min(EVAL_BATCH, n - from));
            }
        }
    }
}
