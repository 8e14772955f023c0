package dev.nabla.autograd;

import dev.nabla.Tensor;

/** The check anomaly mode runs after every op: a NaN or infinity names the op that produced it. */
final class AnomalyCheck {

    private AnomalyCheck() {
    }

    static void check(String op, Tensor out) {
        if (!out.dtype().isFloating() || out.numel() == 0) {
            return;
        }
        // the check's own ops must neither record nor check themselves
        try (GradMode noGrad = GradMode.set(false); GradMode noCheck = GradMode.anomaly(false)) {
            if (out.nonFinite().sum().item() > 0) {
                throw new ArithmeticException("anomaly detected: op '" + op + "' produced NaN or infinity in its output of shape "
                        + out.shape());
            }
        }
    }
}
