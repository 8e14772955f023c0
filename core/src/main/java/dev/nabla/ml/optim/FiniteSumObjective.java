package dev.nabla.ml.optim;

import dev.nabla.Tensor;

/**
 * A differentiable objective {@code F(w) = (1/n) Σ_i f_i(w) + R(w)} over a flat parameter vector.
 * Both methods must be written in differentiable Tensor ops of {@code w}.
 */
public interface FiniteSumObjective {

    /** The number of terms {@code n}. */
    int size();

    /** The full objective {@code F(w)} as a scalar tensor. */
    Tensor loss(Tensor w);

    /** The mean of the terms in {@code indices} (INT64 vector) plus {@code R(w)}: an unbiased estimate of {@code F(w)}. */
    Tensor batchLoss(Tensor w, Tensor indices);
}
