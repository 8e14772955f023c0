package dev.nabla.ml.kernel;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;

/**
 * A function {@code f(x) = Σ_i c_i k(x_i, x) + b} over stored training rows, the fitted form of the
 * binary kernel classifiers.
 *
 * @param kernel {@code k}
 * @param points the training rows {@code x_i}, {@code [n, d]}
 * @param coefficients {@code c}, {@code [n]}
 * @param bias {@code b}
 */
public record KernelExpansion(Kernel kernel, Tensor points, Tensor coefficients, double bias) {

    /** {@code f} at each row of {@code x}, {@code [m]}. */
    public Tensor evaluate(String op, Tensor x) {
        Inputs.requireFeatures(op, x, points.size(1));
        return kernel.gram(x, points.to(x.dtype())).matmul(coefficients.to(x.dtype())).add(bias);
    }
}
