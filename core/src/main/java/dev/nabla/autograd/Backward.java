package dev.nabla.autograd;

import dev.nabla.Tensor;

/**
 * The backward rule of one differentiable op, written in Tensor ops so that it runs on every
 * backend and can itself be differentiated.
 */
@FunctionalInterface
public interface Backward {

    /**
     * Maps the gradient of the op's output to the gradients of its inputs, in input order; an
     * entry may be {@code null} for an input that needs no gradient.
     */
    Tensor[] apply(Tensor gradOutput);
}
