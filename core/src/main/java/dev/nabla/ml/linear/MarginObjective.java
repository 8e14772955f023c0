package dev.nabla.ml.linear;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.ml.optim.FiniteSumObjective;
import dev.nabla.ml.optim.Gradients;
import java.util.function.UnaryOperator;

/**
 * {@code (1/n) Σ loss(y_i · s_i(w)) + ½ wᵀAw} for a binary linear model with scores
 * {@code s(w) = X w + b} and a quadratic penalty given by its matrix {@code A} (as a map). The value
 * and gradient take one pass of two matrix products ({@link Design#scores}, then
 * {@link Design#adjoint}); a Hessian-vector product two more, with the loss's curvature at
 * {@code w} computed once per point.
 *
 * @param design the features and intercept
 * @param signs {@code y}, {@code [n]} of -1/+1 in the features' dtype
 * @param loss the margin loss
 * @param penalty {@code w ↦ A w}, the gradient of the penalty {@code ½ wᵀAw} (symmetric, positive semi-definite)
 */
public record MarginObjective(Design design, Tensor signs, MarginLoss loss, UnaryOperator<Tensor> penalty)
        implements FiniteSumObjective {

    /** A masked L2 penalty {@code (λ/2)|w_coef|²}, intercept excluded. */
    public static UnaryOperator<Tensor> l2(Design design, double lambda) {
        return w -> design.l2Gradient(w, lambda);
    }

    @Override
    public int size() {
        return signs.size(0);
    }

    @Override
    public Tensor loss(Tensor w) {
        return loss.apply(signs.mul(design.scores(w))).mean().add(penaltyValue(w));
    }

    @Override
    public Tensor batchLoss(Tensor w, Tensor indices) {
        Design batch = new Design(design.features().indexSelect(0, indices), design.intercept());
        return loss.apply(signs.indexSelect(0, indices).mul(batch.scores(w))).mean().add(penaltyValue(w));
    }

    private Tensor penaltyValue(Tensor w) {
        return w.mul(penalty.apply(w)).sum().mul(0.5);
    }

    @Override
    public Gradients.ValueAndGradient valueAndGradient(Tensor w) {
        try (var ignored = Autograd.noGradScope()) {
            Tensor margins = signs.mul(design.scores(w));
            Tensor aw = penalty.apply(w);
            double value = loss.value(margins).mean().item() + 0.5 * w.mul(aw).sum().item();
            Tensor gradient = design.adjoint(loss.derivative(margins).mul(signs).div(size())).add(aw);
            return new Gradients.ValueAndGradient(value, gradient);
        }
    }

    @Override
    public UnaryOperator<Tensor> hessian(Tensor w) {
        Tensor weights;
        try (var ignored = Autograd.noGradScope()) {
            weights = loss.curvature(signs.mul(design.scores(w))).div(size());
        }
        return v -> {
            try (var ignored = Autograd.noGradScope()) {
                return design.adjoint(weights.mul(design.scores(v))).add(penalty.apply(v));
            }
        };
    }
}
