package dev.nabla.ml.linear;

import dev.nabla.Tensor;
import dev.nabla.ml.optim.FiniteSumObjective;

/**
 * Multinomial cross-entropy {@code (1/n) Σ [logsumexp(F_i W) - (F_i W)_{y_i}] + R(W)} with
 * {@code W} flattened from {@code [p, K]}.
 */
record SoftmaxObjective(Design design, Tensor oneHot, double l2) implements FiniteSumObjective {

    @Override
    public int size() {
        return oneHot.size(0);
    }

    @Override
    public Tensor loss(Tensor w) {
        return crossEntropy(design.features(), oneHot, w).add(penalty(w));
    }

    @Override
    public Tensor batchLoss(Tensor w, Tensor indices) {
        return crossEntropy(design.features().indexSelect(0, indices), oneHot.indexSelect(0, indices), w)
                .add(penalty(w));
    }

    private Tensor penalty(Tensor w) {
        return Penalty.L2.apply(weights(w), design.penaltyMask(), l2);
    }

    Tensor weights(Tensor w) {
        return w.reshape(design.width(), oneHot.size(1));
    }

    private Tensor crossEntropy(Tensor f, Tensor y, Tensor w) {
        Tensor logits = f.matmul(weights(w));
        return logits.logsumexp(new int[] {1}, false).sub(logits.mul(y).sum(new int[] {1}, false)).mean();
    }
}
