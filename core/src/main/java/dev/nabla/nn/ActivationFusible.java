package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.backend.fast.FusedActivation;

/**
 * A layer ending in a bias add that {@link Sequential} may run together with the activation after
 * it ({@link BiasActivation}): same result, one pass over the output instead of two.
 */
interface ActivationFusible {

    /**
     * Whether this instance's {@code forward} is the one {@link #forwardActivated} fuses; false for
     * subclasses, which may have overridden it.
     */
    boolean fusesActivation();

    /** {@code act(forward(input))}, with the activation fused into the bias add. */
    Tensor forwardActivated(Tensor input, FusedActivation act);
}
