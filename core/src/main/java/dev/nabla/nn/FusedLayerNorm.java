package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.autograd.GradMode;
import dev.nabla.autograd.Graph;
import dev.nabla.backend.Strided;
import dev.nabla.backend.fast.LayerNormKernel;
import java.util.Optional;

/**
 * Layer normalisation with its optional weight and bias as one differentiable op over a backend's
 * {@link LayerNormKernel}: the trailing dimensions are flattened into rows, one kernel pass forward,
 * and backward one pass for the input gradient plus one for both parameter gradients (each only
 * when wanted). When the backward pass itself is being recorded (gradients of gradients) the
 * gradients are written in Tensor ops of x, weight and the output gradient, so their own
 * derivatives are right.
 */
final class FusedLayerNorm {

    private FusedLayerNorm() {
    }

    /**
     * {@code (x - mean) / sqrt(var + eps) * weight + bias} over the last {@code cols} elements of each row, x's
     * shape, when {@code x} can take the fused path (a floating, non-empty tensor on a backend with the kernel);
     * empty otherwise. Weight and bias (either may be null) hold {@code cols} elements of x's dtype on x's device
     * ({@link LayerNormArgs} checked them).
     */
    static Optional<Tensor> apply(Tensor x, int cols, Tensor weight, Tensor bias, double eps) {
        if (!x.dtype().isFloating() || x.numel() == 0) {
            return Optional.empty();
        }
        return x.backend().fastPath(LayerNormKernel.class).map(kernel -> apply(kernel, x, cols, weight, bias, eps));
    }

    private static Tensor apply(LayerNormKernel kernel, Tensor x, int cols, Tensor weight, Tensor bias, double eps) {
        int rows = x.numel() / cols;
        Tensor flat = x.contiguous().reshape(rows, cols);
        Tensor gamma = weight == null ? null : weight.contiguous().reshape(cols);
        Tensor beta = bias == null ? null : bias.contiguous().reshape(cols);
        Tensor y = Tensor.zeros(x.dtype(), x.device(), rows, cols);
        Tensor mean = Tensor.zeros(x.dtype(), x.device(), rows);
        Tensor rstd = Tensor.zeros(x.dtype(), x.device(), rows);
        kernel.layerNorm(flat.strided(), strided(gamma), strided(beta), eps, y.strided(), mean.strided(),
                rstd.strided());
        Tensor recorded = Graph.record("layerNorm", y, new Tensor[] {flat, gamma, beta}, grad -> {
            if (GradMode.isEnabled()) {
                return referenceBackward(flat, gamma, beta, grad, eps);
            }
            return kernelBackward(kernel, flat, gamma, beta, mean, rstd, grad.contiguous());
        }, gamma == null ? new Tensor[] {flat} : new Tensor[] {flat, gamma});
        // rows already: the op itself is the result (and the top of its graph)
        return x.rank() == 2 ? recorded : recorded.reshape(x.shape().toArray());
    }

    /** The kernels' gradients of x, gamma and beta; null for an input that is absent or needs none. */
    private static Tensor[] kernelBackward(LayerNormKernel kernel, Tensor x, Tensor gamma, Tensor beta, Tensor mean,
            Tensor rstd, Tensor grad) {
        Tensor gradX = x.requiresGrad() ? Tensor.zerosLike(x) : null;
        if (gradX != null) {
            kernel.layerNormBackward(x.strided(), mean.strided(), rstd.strided(), strided(gamma), grad.strided(),
                    gradX.strided());
        }
        Tensor gradGamma = wanted(gamma) ? Tensor.zerosLike(gamma) : null;
        Tensor gradBeta = wanted(beta) ? Tensor.zerosLike(beta) : null;
        if (gradGamma != null || gradBeta != null) {
            kernel.layerNormParamsBackward(x.strided(), mean.strided(), rstd.strided(), grad.strided(),
                    strided(gradGamma), strided(gradBeta));
        }
        return new Tensor[] {gradX, gradGamma, gradBeta};
    }

    /**
     * The same gradients in differentiable Tensor ops, statistics recomputed from x: with
     * {@code g = grad * gamma}, {@code dx = rstd (g - mean(g) - xhat mean(g xhat))},
     * {@code dgamma = Σ_rows grad xhat}, {@code dbeta = Σ_rows grad}.
     */
    private static Tensor[] referenceBackward(Tensor x, Tensor gamma, Tensor beta, Tensor grad, double eps) {
        int[] row = {1};
        int[] rows = {0};
        Tensor centred = x.sub(x.mean(row, true));
        Tensor rstd = centred.mul(centred).mean(row, true).add(eps).pow(-0.5);
        Tensor xhat = centred.mul(rstd);
        Tensor g = gamma == null ? grad : grad.mul(gamma);
        Tensor gradX = rstd.mul(g.sub(g.mean(row, true)).sub(xhat.mul(g.mul(xhat).mean(row, true))));
        return new Tensor[] {gradX, gamma == null ? null : grad.mul(xhat).sum(rows, false),
            beta == null ? null : grad.sum(rows, false)};
    }

    private static boolean wanted(Tensor parameter) {
        return parameter != null && parameter.requiresGrad();
    }

    private static Strided strided(Tensor t) {
        return t == null ? null : t.strided();
    }
}
