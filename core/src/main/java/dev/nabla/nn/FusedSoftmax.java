package dev.nabla.nn;

import dev.nabla.Shape;
import dev.nabla.Tensor;
import dev.nabla.autograd.Graph;
import dev.nabla.autograd.GradMode;
import dev.nabla.backend.fast.SoftmaxKernel;
import java.util.Optional;

/**
 * Softmax and log-softmax as one differentiable op over a backend's {@link SoftmaxKernel}. The
 * dimension is moved last (a copy only when it is not already), the kernel runs over the rows, and
 * the backward pass is the kernel's too, except when the backward pass itself is being recorded
 * (gradients of gradients), where it is written in Tensor ops.
 */
final class FusedSoftmax {

    private FusedSoftmax() {
    }

    /**
     * Softmax (or log-softmax) of {@code x} along {@code dim} (negative counts from the end; {@code op} names the
     * caller in errors) when {@code x} can take the fused path: a floating, non-empty tensor of rank ≥ 1 on a
     * backend with the kernel. Empty otherwise.
     */
    static Optional<Tensor> apply(String op, Tensor x, int dim, boolean log) {
        if (!x.dtype().isFloating() || x.numel() == 0 || x.rank() == 0) {
            return Optional.empty();
        }
        return x.backend().fastPath(SoftmaxKernel.class)
                .map(kernel -> apply(kernel, x, Shape.normalizeDim(op, dim, x.rank()), log));
    }

    private static Tensor apply(SoftmaxKernel kernel, Tensor x, int dim, boolean log) {
        int last = x.rank() - 1;
        Tensor rows = (dim == last ? x : x.transpose(dim, last)).contiguous();
        Tensor y = Tensor.zeros(rows.dtype(), rows.device(), rows.shape().toArray());
        kernel.softmax(rows.strided(), log, y.strided());
        Tensor recorded = Graph.record(log ? "logSoftmax" : "softmax", y, new Tensor[] {rows}, grad -> {
            if (GradMode.isEnabled()) {
                return new Tensor[] {referenceBackward(y, grad, log)};
            }
            Tensor gradIn = Tensor.zeros(y.dtype(), y.device(), y.shape().toArray());
            kernel.softmaxBackward(y.strided(), grad.contiguous().strided(), log, gradIn.strided());
            return new Tensor[] {gradIn};
        }, y);
        return dim == last ? recorded : recorded.transpose(dim, last);
    }

    /** The same gradient in differentiable Tensor ops (for createGraph). */
    private static Tensor referenceBackward(Tensor y, Tensor grad, boolean log) {
        int[] lastDim = {y.rank() - 1};
        return log ? grad.sub(y.exp().mul(grad.sum(lastDim, true)))
                : y.mul(grad.sub(grad.mul(y).sum(lastDim, true)));
    }
}
