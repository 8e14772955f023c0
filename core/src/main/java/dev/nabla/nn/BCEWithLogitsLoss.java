package dev.nabla.nn;

import dev.nabla.Tensor;

/** Binary cross-entropy on logits, computed stably, see {@link Losses#bceWithLogits}. */
public class BCEWithLogitsLoss extends Loss {

    private final Parameter weight;
    private final Parameter posWeight;

    /** No weights, MEAN reduction. */
    public BCEWithLogitsLoss() {
        this(null, null, Reduction.MEAN);
    }

    /** Optional rescaling weight, optional positive-class weight, and a reduction. */
    public BCEWithLogitsLoss(Tensor weight, Tensor posWeight, Reduction reduction) {
        super(reduction);
        this.weight = optionalBuffer("weight", weight);
        this.posWeight = optionalBuffer("pos_weight", posWeight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Losses.bceWithLogits(input, target, valueOf(weight), valueOf(posWeight), reduction());
    }
}
