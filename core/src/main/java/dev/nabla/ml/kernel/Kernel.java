package dev.nabla.ml.kernel;

import dev.nabla.Tensor;
import dev.nabla.ml.Distances;
import dev.nabla.ml.Inputs;

/**
 * A positive semi-definite kernel {@code k(x, y)}; {@link #gram} evaluates it for all row pairs
 * with matrix-shaped Tensor ops on the device.
 */
@FunctionalInterface
public interface Kernel {

    /** The Gram matrix {@code K[i][j] = k(a_i, b_j)}, {@code [m, n]}, for {@code a} {@code [m, d]}, {@code b} {@code [n, d]}. */
    Tensor gram(Tensor a, Tensor b);

    /** {@code xᵀy}. */
    static Kernel linear() {
        return (a, b) -> a.matmul(b.t());
    }

    /** {@code (xᵀy + c)ⁿ}, {@code c >= 0}, {@code degree >= 1}. */
    static Kernel polynomial(int degree, double c) {
        Inputs.requirePositive("Kernel.polynomial", "degree", degree);
        Inputs.requireNonNegative("Kernel.polynomial", "c", c);
        return (a, b) -> a.matmul(b.t()).add(c).pow(degree);
    }

    /** The Gaussian (RBF) kernel {@code exp(-γ|x - y|²)}, {@code γ > 0}. */
    static Kernel rbf(double gamma) {
        Inputs.requirePositive("Kernel.rbf", "gamma", gamma);
        return (a, b) -> Distances.squaredEuclidean(a, b).mul(-gamma).exp();
    }

    /** The Laplacian (exponential) kernel {@code exp(-γ|x - y|₁)}, {@code γ > 0}. */
    static Kernel laplacian(double gamma) {
        Inputs.requirePositive("Kernel.laplacian", "gamma", gamma);
        return (a, b) -> Distances.manhattan(a, b).mul(-gamma).exp();
    }

    /** {@code k(x, y) + other(x, y)}: again a kernel. */
    default Kernel plus(Kernel other) {
        return (a, b) -> gram(a, b).add(other.gram(a, b));
    }

    /** {@code k(x, y) · other(x, y)}: again a kernel (Schur product theorem). */
    default Kernel times(Kernel other) {
        return (a, b) -> gram(a, b).mul(other.gram(a, b));
    }

    /** {@code s · k(x, y)} for {@code s > 0}. */
    default Kernel scaled(double s) {
        Inputs.requirePositive("Kernel.scaled", "scale", s);
        return (a, b) -> gram(a, b).mul(s);
    }
}
