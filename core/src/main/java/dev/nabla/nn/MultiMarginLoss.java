package dev.nabla.nn;

import dev.nabla.Tensor;

/** Multi-class hinge loss (p = 1), see {@link Losses#multiMargin}. */
public class MultiMarginLoss extends Loss {

    private final Parameter weight;
    private final double margin;

    /** Margin 1, no class weights, MEAN reduction. */
    public MultiMarginLoss() {
        this(null, 1, Reduction.MEAN);
    }

    /** Every option; {@code weight} may be null. */
    public MultiMarginLoss(Tensor weight, double margin, Reduction reduction) {
        super(reduction);
        this.weight = optionalBuffer("weight", weight);
        this.margin = margin;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Losses.multiMargin(input, target, valueOf(weight), margin, reduction());
    }
}
