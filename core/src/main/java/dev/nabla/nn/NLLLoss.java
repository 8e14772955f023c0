package dev.nabla.nn;

import dev.nabla.Tensor;

/** Negative log-likelihood of log-probabilities, see {@link Losses#nll}. */
public class NLLLoss extends Loss {

    private final Parameter weight;
    private final long ignoreIndex;

    /** PyTorch's defaults: no class weights, ignore index -100, MEAN. */
    public NLLLoss() {
        this(null, Losses.DEFAULT_IGNORE_INDEX, Reduction.MEAN);
    }

    /** Every option; {@code weight} may be null. */
    public NLLLoss(Tensor weight, long ignoreIndex, Reduction reduction) {
        super(reduction);
        this.weight = optionalBuffer("weight", weight);
        this.ignoreIndex = ignoreIndex;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Losses.nll(input, target, valueOf(weight), ignoreIndex, reduction());
    }
}
