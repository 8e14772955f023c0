package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.autograd.GradMode;
import dev.nabla.autograd.Graph;
import dev.nabla.backend.fast.LayerNormKernel;

/**
 * The normalising part of layer normalisation as one differentiable op over a backend's
 * {@link LayerNormKernel}: the trailing dimensions are flattened into rows, one kernel pass forward
 * and one backward. When the backward pass itself is being recorded (gradients of gradients) the
 * gradient is written in Tensor ops as a function of x, so its own derivative is right.
 */
final class FusedLayerNorm {

    private FusedLayerNorm() {
    }

    /** Whether {@code x} can take the fused path: a floating, non-empty tensor on a backend with the kernel. */
    static boolean applies(Tensor x) {
        return x.backend() instanceof LayerNormKernel && x.dtype().isFloating() && x.numel() > 0;
    }

    /** {@code (x - mean) / sqrt(var + eps)} over the last {@code cols} elements of each row, x's shape. */
    static Tensor normalise(Tensor x, int cols, double eps) {
        LayerNormKernel kernel = (LayerNormKernel) x.backend();
        int rows = x.numel() / cols;
        Tensor flat = x.contiguous().reshape(rows, cols);
        Tensor y = Tensor.zeros(x.dtype(), x.device(), rows, cols);
        Tensor mean = Tensor.zeros(x.dtype(), x.device(), rows);
        Tensor rstd = Tensor.zeros(x.dtype(), x.device(), rows);
        kernel.layerNorm(flat.strided(), eps, y.strided(), mean.strided(), rstd.strided());
        Tensor recorded = Graph.record("layerNorm", y, new Tensor[] {flat}, grad -> {
            if (GradMode.isEnabled()) {
                return new Tensor[] {referenceBackward(flat, grad, eps)};
            }
            Tensor gradIn = Tensor.zeros(x.dtype(), x.device(), rows, cols);
            kernel.layerNormBackward(flat.strided(), mean.strided(), rstd.strided(), grad.contiguous().strided(),
                    gradIn.strided());
            return new Tensor[] {gradIn};
        }, flat);
        return recorded.reshape(x.shape().toArray());
    }

    /** {@code rstd (g - mean(g) - xhat mean(g xhat))} with the statistics recomputed from x (differentiable). */
    private static Tensor referenceBackward(Tensor x, Tensor g, double eps) {
        int[] row = {1};
        Tensor centred = x.sub(x.mean(row, true));
        Tensor rstd = centred.mul(centred).mean(row, true).add(eps).pow(-0.5);
        Tensor xhat = centred.mul(rstd);
        return rstd.mul(g.sub(g.mean(row, true)).sub(xhat.mul(g.mul(xhat).mean(row, true))));
    }
}
