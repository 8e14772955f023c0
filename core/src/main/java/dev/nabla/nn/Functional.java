package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Tensor;

/** Stateless neural-network functions: softmax family and the basic losses. */
public final class Functional {

    private Functional() {
    }

    /** {@code log(softmax(x))} along {@code dim}, computed stably as {@code x - logsumexp(x)}. */
    public static Tensor logSoftmax(Tensor x, int dim) {
        return x.sub(x.logsumexp(new int[] {dim}, true));
    }

    /** {@code exp(x) / sum(exp(x))} along {@code dim}. */
    public static Tensor softmax(Tensor x, int dim) {
        return logSoftmax(x, dim).exp();
    }

    /** The mean squared error. */
    public static Tensor mseLoss(Tensor prediction, Tensor target) {
        if (!prediction.shape().equals(target.shape())) {
            throw new IllegalArgumentException("mseLoss: prediction shape " + prediction.shape()
                    + " does not match target shape " + target.shape());
        }
        Tensor d = prediction.sub(target);
        return d.mul(d).mean();
    }

    /**
     * The mean cross-entropy of {@code logits [N, C]} against INT64 class indices {@code [N]}.
     *
     * @throws IllegalArgumentException for mismatched batch sizes or labels outside {@code [0, C)}
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target) {
        if (logits.rank() != 2 || target.rank() != 1 || target.size(0) != logits.size(0)) {
            throw new IllegalArgumentException("crossEntropy: expected logits [N, C] and targets [N], got "
                    + logits.shape() + " and " + target.shape());
        }
        if (target.dtype() != DType.INT64) {
            throw new IllegalArgumentException("crossEntropy: targets must be int64 class indices, got " + target.dtype().id());
        }
        Tensor logp = logSoftmax(logits, 1);
        return logp.gather(1, target.unsqueeze(1)).mean().neg();
    }
}
