package dev.nabla.nn;

import dev.nabla.Tensor;

/** KL divergence of target probabilities from input log-probabilities, see {@link Losses#klDiv}. */
public class KLDivLoss extends Loss {

    /** MEAN reduction (PyTorch's default; BATCHMEAN is the true per-example KL). */
    public KLDivLoss() {
        this(Reduction.MEAN);
    }

    /** The given reduction, including BATCHMEAN. */
    public KLDivLoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Losses.klDiv(input, target, reduction());
    }
}
