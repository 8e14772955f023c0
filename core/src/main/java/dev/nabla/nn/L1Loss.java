package dev.nabla.nn;

import dev.nabla.Tensor;

/** Mean absolute error, see {@link Losses#l1}. */
public class L1Loss extends Loss {

    /** MEAN reduction. */
    public L1Loss() {
        this(Reduction.MEAN);
    }

    /** The given reduction. */
    public L1Loss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Losses.l1(input, target, reduction());
    }
}
