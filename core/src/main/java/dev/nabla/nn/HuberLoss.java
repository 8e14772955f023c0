package dev.nabla.nn;

import dev.nabla.Tensor;

/** Huber loss, see {@link Losses#huber}. */
public class HuberLoss extends Loss {

    private final double delta;

    /** delta 1, MEAN reduction. */
    public HuberLoss() {
        this(1, Reduction.MEAN);
    }

    /** The given threshold and reduction. */
    public HuberLoss(double delta, Reduction reduction) {
        super(reduction);
        this.delta = delta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Losses.huber(input, target, delta, reduction());
    }
}
