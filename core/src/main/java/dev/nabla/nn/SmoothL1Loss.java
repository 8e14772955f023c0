package dev.nabla.nn;

import dev.nabla.Tensor;

/** Smooth L1 loss with PyTorch's {@code beta}, see {@link Losses#smoothL1}. */
public class SmoothL1Loss extends Loss {

    private final double beta;

    /** beta 1, MEAN reduction (PyTorch's defaults). */
    public SmoothL1Loss() {
        this(1, Reduction.MEAN);
    }

    /**
     * The given threshold and reduction.
     *
     * @throws IllegalArgumentException for a negative beta
     */
    public SmoothL1Loss(double beta, Reduction reduction) {
        super(reduction);
        if (!(beta >= 0)) {
            throw new IllegalArgumentException("SmoothL1Loss: beta must be non-negative, got " + beta);
        }
        this.beta = beta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Losses.smoothL1(input, target, beta, reduction());
    }
}
