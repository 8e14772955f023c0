package dev.nabla.nn;

import dev.nabla.Tensor;

/** Mean squared error, see {@link Losses#mse}. */
public class MSELoss extends Loss {

    /** MEAN reduction. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    /** The given reduction. */
    public MSELoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Losses.mse(input, target, reduction());
    }
}
