package dev.nabla.backend.fast;

import dev.nabla.backend.Strided;

/**
 * Fast path for the Adam update: one pass over the parameter, its gradient and both moment buffers
 * instead of the dozen elementwise passes of the composed form. Operands are contiguous, of one
 * floating dtype and one shape; the parameter and the moments are updated in place. Weight decay is
 * applied by the optimizer before the call (coupled into the gradient, or decoupled on the parameter).
 */
public interface AdamKernel extends FastPath {

    /**
     * {@code m = β1 m + (1 − β1) g}, {@code v = β2 v + (1 − β2) g²},
     * {@code p −= lr · (m / bias1) / (sqrt(v / bias2) + eps)}.
     *
     * @param bias1 {@code 1 − β1^t}
     * @param bias2 {@code 1 − β2^t}
     */
    void adamStep(Strided param, Strided expAvg, Strided expAvgSq, Strided grad, double lr, double beta1, double beta2,
            double eps, double bias1, double bias2);
}
