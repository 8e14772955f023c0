package dev.nabla.nn;

import dev.nabla.Generator;
import dev.nabla.Tensor;

/**
 * Inverted dropout: in training mode zeroes elements with probability {@code p} and scales the
 * rest by {@code 1 / (1 - p)}; in eval mode the identity. Masks come from a counter-based
 * {@link Generator}, so a run resumed from a saved generator offset draws the same masks.
 */
public class Dropout extends Module {

    private final double p;
    private final Generator generator;

    /** Dropout with probability 0.5 drawing from the global generator. */
    public Dropout() {
        this(0.5);
    }

    /** Dropout with probability {@code p} drawing from the global generator. */
    public Dropout(double p) {
        this(p, null);
    }

    /**
     * Dropout with probability {@code p} drawing from {@code generator}.
     *
     * @param generator the source of masks, or null for the global generator at each call
     */
    public Dropout(double p, Generator generator) {
        Functional.checkProbability("Dropout", p);
        this.p = p;
        this.generator = generator;
    }

    /** The drop probability. */
    public double p() {
        return p;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.dropout(input, p, isTraining(), generator == null ? Generator.global() : generator);
    }

    @Override
    public String toString() {
        return "Dropout(p=" + p + ")";
    }
}
