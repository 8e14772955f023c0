package dev.nabla.ml.linear;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.ml.optim.FiniteSumObjective;
import dev.nabla.ml.optim.Gradients;
import java.util.function.UnaryOperator;

/**
 * Multinomial logistic loss {@code (1/n) Σ_i [logsumexp(z_i) - z_i,y_i] + (λ/2)|W|²} with scores
 * {@code Z = X W + b}, {@code W} flattened from {@code [p, K]}, intercepts unpenalised. Value and
 * gradient take two matrix products ({@code Z}, then {@code Xᵀ(P - Y)}); a Hessian-vector product
 * {@code Xᵀ[P ⊙ (Z_v - rowsum(P ⊙ Z_v))]} two more, with the probabilities {@code P} computed once per point.
 *
 * @param design the features and intercept
 * @param oneHot the labels one-hot, {@code [n, K]} in the features' dtype
 * @param l2 the penalty strength {@code λ >= 0}
 */
public record SoftmaxObjective(Design design, Tensor oneHot, double l2) implements FiniteSumObjective {

    @Override
    public int size() {
        return oneHot.size(0);
    }

    @Override
    public Tensor loss(Tensor w) {
        return crossEntropy(design, oneHot, w).add(penalty(w));
    }

    @Override
    public Tensor batchLoss(Tensor w, Tensor indices) {
        Design batch = new Design(design.features().indexSelect(0, indices), design.intercept());
        return crossEntropy(batch, oneHot.indexSelect(0, indices), w).add(penalty(w));
    }

    @Override
    public Gradients.ValueAndGradient valueAndGradient(Tensor w) {
        try (var ignored = Autograd.noGradScope()) {
            Tensor z = design.scores(weights(w));
            Tensor lse = z.logsumexp(new int[] {1}, true);
            double value = lse.sum().sub(z.mul(oneHot).sum()).item() / size() + penalty(w).item();
            Tensor residual = z.sub(lse).exp().sub(oneHot).div(size());
            Tensor gradient = design.adjoint(residual).add(design.l2Gradient(weights(w), l2));
            return new Gradients.ValueAndGradient(value, gradient.flatten());
        }
    }

    @Override
    public UnaryOperator<Tensor> hessian(Tensor w) {
        Tensor p;
        try (var ignored = Autograd.noGradScope()) {
            Tensor z = design.scores(weights(w));
            p = z.sub(z.logsumexp(new int[] {1}, true)).exp();
        }
        return v -> {
            try (var ignored = Autograd.noGradScope()) {
                Tensor pz = p.mul(design.scores(weights(v)));
                Tensor r = pz.sub(p.mul(pz.sum(new int[] {1}, true))).div(size());
                return design.adjoint(r).add(design.l2Gradient(weights(v), l2)).flatten();
            }
        };
    }

    private Tensor penalty(Tensor w) {
        Tensor m = weights(w).mul(design.penaltyMask().unsqueeze(1));
        return m.mul(m).sum().mul(l2 / 2);
    }

    /** The parameters as a {@code [p, K]} matrix. */
    Tensor weights(Tensor w) {
        return w.reshape(design.width(), oneHot.size(1));
    }

    private static Tensor crossEntropy(Design design, Tensor y, Tensor w) {
        Tensor logits = design.scores(w.reshape(design.width(), y.size(1)));
        return logits.logsumexp(new int[] {1}, false).sub(logits.mul(y).sum(new int[] {1}, false)).mean();
    }
}
