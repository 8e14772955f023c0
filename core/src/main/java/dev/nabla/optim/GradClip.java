package dev.nabla.optim;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.nn.Parameter;
import java.util.List;

/** Gradient clipping, applied in place to the gradients of parameters between backward and step. */
public final class GradClip {

    private GradClip() {
    }

    /**
     * Scales all gradients by {@code maxNorm / (norm + 1e-6)} when their global L2 norm exceeds
     * {@code maxNorm} (PyTorch's {@code clip_grad_norm_}); parameters without a gradient are ignored.
     *
     * @return the global norm before clipping
     */
    public static double clipGradNorm(List<Parameter> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, 2);
    }

    /**
     * {@link #clipGradNorm(List, double)} with the global p-norm (PyTorch's {@code norm_type}): the p-norm of the
     * parameters' gradient p-norms, i.e. of all gradient elements together; {@code +∞} takes the largest
     * magnitude.
     *
     * @param normType p > 0, or {@link Double#POSITIVE_INFINITY}
     * @return the global norm before clipping
     */
    public static double clipGradNorm(List<Parameter> params, double maxNorm, double normType) {
        if (!(maxNorm > 0) || !(normType > 0)) {
            throw new IllegalArgumentException("clipGradNorm: maxNorm and normType must be > 0, got maxNorm=" + maxNorm
                    + " normType=" + normType);
        }
        boolean infinity = normType == Double.POSITIVE_INFINITY;
        double accumulated = 0;
        for (Parameter p : params) {
            if (p.grad() != null) {
                double n = p.grad().norm(normType).item();
                accumulated = infinity ? Math.max(accumulated, n) : accumulated + Math.pow(n, normType);
            }
        }
        double total = infinity ? accumulated : Math.pow(accumulated, 1 / normType);
        double coef = maxNorm / (total + 1e-6);
        if (coef < 1) {
            try (GradMode ignored = Autograd.noGradScope()) {
                params.stream().filter(p -> p.grad() != null).forEach(p -> p.grad().mulInPlace(coef));
            }
        }
        return total;
    }

    /** Clamps every gradient element to {@code [-clipValue, clipValue]}. */
    public static void clipGradValue(List<Parameter> params, double clipValue) {
        if (!(clipValue > 0)) {
            throw new IllegalArgumentException("clipGradValue: clipValue must be > 0, got " + clipValue);
        }
        try (GradMode ignored = Autograd.noGradScope()) {
            for (Parameter p : params) {
                Tensor g = p.grad();
                if (g != null) {
                    g.copyFrom(g.clamp(-clipValue, clipValue));
                }
            }
        }
    }
}
