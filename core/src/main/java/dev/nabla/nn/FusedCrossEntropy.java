package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.autograd.GradMode;
import dev.nabla.autograd.Graph;
import dev.nabla.backend.fast.CrossEntropyKernel;

/**
 * Per-row cross-entropy of logits {@code [N, C]} against INT64 targets {@code [N]} as one differentiable op over a
 * backend's {@link CrossEntropyKernel}. When the backward pass itself is recorded (gradients of gradients) the
 * gradient is written in Tensor ops, so its own derivative is right.
 */
final class FusedCrossEntropy {

    private FusedCrossEntropy() {
    }

    /** The per-row losses, or null when the backend declines the call. */
    static Tensor perRow(CrossEntropyKernel kernel, Tensor logits, Tensor target, long ignoreIndex) {
        Tensor x = logits.contiguous();
        int rows = x.size(0);
        Tensor loss = Tensor.zeros(x.dtype(), x.device(), rows);
        Tensor lse = Tensor.zeros(x.dtype(), x.device(), rows);
        if (!kernel.crossEntropyForward(x.strided(), target.strided(), ignoreIndex, loss.strided(), lse.strided())) {
            return null;
        }
        return Graph.record("crossEntropy", loss, new Tensor[] {logits}, grad -> {
            if (GradMode.isEnabled()) {
                return new Tensor[] {referenceGradient(x, target, ignoreIndex, grad)};
            }
            Tensor gradLogits = Tensor.zerosLike(x);
            kernel.crossEntropyBackward(x.strided(), lse.strided(), target.strided(), ignoreIndex,
                    grad.contiguous().strided(), gradLogits.strided());
            return new Tensor[] {gradLogits};
        }, logits);
    }

    /** {@code grad[n] · (softmax(x[n]) − onehot(target[n]))}, zero for ignored rows, in Tensor ops. */
    private static Tensor referenceGradient(Tensor x, Tensor target, long ignoreIndex, Tensor grad) {
        Tensor valid = Losses.validTargets(target, ignoreIndex, x.dtype());
        Tensor safe = Tensor.where(valid, target, Tensor.zerosLike(target));
        Tensor onehot = Tensor.zerosLike(x).scatterAdd(1, safe.unsqueeze(1), Tensor.ones(x.dtype(), x.device(),
                x.size(0), 1));
        Tensor scale = grad.mul(valid).unsqueeze(1);
        return Functional.softmax(x, 1).sub(onehot).mul(scale);
    }
}
