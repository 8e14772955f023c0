package dev.nabla.nn;

import dev.nabla.Tensor;

/** Cross-entropy of logits against class indices or probabilities, see {@link Losses#crossEntropy(Tensor, Tensor, Tensor, long, double, Reduction)}. */
public class CrossEntropyLoss extends Loss {

    private final Parameter weight;
    private final long ignoreIndex;
    private final double labelSmoothing;

    /** PyTorch's defaults: no class weights, ignore index -100, no smoothing, MEAN. */
    public CrossEntropyLoss() {
        this(null, Losses.DEFAULT_IGNORE_INDEX, 0, Reduction.MEAN);
    }

    /** Every option; {@code weight} may be null. */
    public CrossEntropyLoss(Tensor weight, long ignoreIndex, double labelSmoothing, Reduction reduction) {
        super(reduction);
        this.weight = optionalBuffer("weight", weight);
        this.ignoreIndex = ignoreIndex;
        this.labelSmoothing = labelSmoothing;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Losses.crossEntropy(input, target, valueOf(weight), ignoreIndex, labelSmoothing, reduction());
    }
}
