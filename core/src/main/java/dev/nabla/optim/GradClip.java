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
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("clipGradNorm: maxNorm must be > 0, got " + maxNorm);
        }
        double sumSquares = 0;
        for (Parameter p : params) {
            if (p.grad() != null) {
                double n = p.grad().norm(2).item();
                sumSquares += n * n;
            }
        }
        double total = Math.sqrt(sumSquares);
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
