package dev.nabla.ml.linear;

import dev.nabla.Tensor;
import dev.nabla.ml.optim.FiniteSumObjective;
import java.util.function.UnaryOperator;

/**
 * {@code (1/n) Σ loss(y_i · F_i w) + R(w)} for a binary linear model over features {@code F}.
 *
 * @param features {@code F}, {@code [n, p]}
 * @param signs {@code y}, {@code [n]} of -1/+1 in F's dtype
 * @param loss the margin loss
 * @param penalty {@code R(w)}, differentiable
 */
public record MarginObjective(Tensor features, Tensor signs, MarginLoss loss, UnaryOperator<Tensor> penalty)
        implements FiniteSumObjective {

    @Override
    public int size() {
        return features.size(0);
    }

    @Override
    public Tensor loss(Tensor w) {
        return loss.apply(signs.mul(features.matmul(w))).mean().add(penalty.apply(w));
    }

    @Override
    public Tensor batchLoss(Tensor w, Tensor indices) {
        Tensor f = features.indexSelect(0, indices);
        Tensor s = signs.indexSelect(0, indices);
        return loss.apply(s.mul(f.matmul(w))).mean().add(penalty.apply(w));
    }
}
