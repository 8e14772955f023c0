package dev.nabla.nn;

import dev.nabla.Tensor;

/** Binary cross-entropy on probabilities, see {@link Losses#bce}. */
public class BCELoss extends Loss {

    private final Parameter weight;

    /** No weight, MEAN reduction. */
    public BCELoss() {
        this(null, Reduction.MEAN);
    }

    /** An optional rescaling weight (broadcast to the input) and a reduction. */
    public BCELoss(Tensor weight, Reduction reduction) {
        super(reduction);
        this.weight = optionalBuffer("weight", weight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Losses.bce(input, target, valueOf(weight), reduction());
    }
}
