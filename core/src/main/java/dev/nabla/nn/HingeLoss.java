package dev.nabla.nn;

import dev.nabla.Tensor;

/** Binary hinge loss for ±1 labels, see {@link Losses#hinge}. */
public class HingeLoss extends Loss {

    /** MEAN reduction. */
    public HingeLoss() {
        this(Reduction.MEAN);
    }

    /** The given reduction. */
    public HingeLoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Losses.hinge(input, target, reduction());
    }
}
