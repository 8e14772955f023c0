package dev.nabla.ml.optim;

import dev.nabla.Tensor;
import java.util.function.UnaryOperator;

/**
 * A differentiable objective {@code F(w) = (1/n) Σ_i f_i(w) + R(w)} over a flat parameter vector.
 * {@link #loss} and {@link #batchLoss} must be written in differentiable Tensor ops of {@code w};
 * the deterministic solvers ask for values, gradients and Hessian-vector products through
 * {@link #valueAndGradient} and {@link #hessian}, which default to autograd and which the linear
 * models override with closed forms (two matrix products each, no graph).
 */
public interface FiniteSumObjective {

    /** The number of terms {@code n}. */
    int size();

    /** The full objective {@code F(w)} as a scalar tensor. */
    Tensor loss(Tensor w);

    /** The mean of the terms in {@code indices} (INT64 vector) plus {@code R(w)}: an unbiased estimate of {@code F(w)}. */
    Tensor batchLoss(Tensor w, Tensor indices);

    /** {@code F(w)} and {@code ∇F(w)}; by default reverse-mode autograd through {@link #loss}. */
    default Gradients.ValueAndGradient valueAndGradient(Tensor w) {
        return Gradients.of(this::loss, w);
    }

    /**
     * The Hessian at {@code w} as the map {@code v ↦ ∇²F(w)·v}; by default autograd differentiates the
     * gradient (built once, with {@code createGraph}) again for each {@code v}.
     */
    default UnaryOperator<Tensor> hessian(Tensor w) {
        return Gradients.hessianProduct(this::loss, w);
    }
}
