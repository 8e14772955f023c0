package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.autograd.Graph;

/**
 * Activation functions beyond the ones on {@link Tensor} (relu, sigmoid, tanh), with PyTorch's
 * definitions and gradients at the kinks. All are differentiable to any order.
 */
public final class Activations {

    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);

    private Activations() {
    }

    /** {@code x > 0 ? x : slope·x} (gradient {@code slope} at 0, as PyTorch). */
    public static Tensor leakyRelu(Tensor x, double slope) {
        return Tensor.where(x.gt(0), x, x.mul(slope));
    }

    /**
     * {@code x > 0 ? x : weight·x} with a learnable slope, one per channel (dimension 1) or one shared.
     *
     * @param weight {@code [1]} or {@code [C]} where C is {@code x.size(1)}
     */
    public static Tensor prelu(Tensor x, Tensor weight) {
        Tensor w = weight;
        if (weight.numel() != 1) {
            if (x.rank() < 2 || weight.rank() != 1 || weight.size(0) != x.size(1)) {
                throw new IllegalArgumentException("prelu: weight " + weight.shape() + " needs one slope per channel of "
                        + "input " + x.shape() + " (dimension 1), or a single slope");
            }
            int[] shape = new int[x.rank()];
            java.util.Arrays.fill(shape, 1);
            shape[1] = weight.size(0);
            w = weight.reshape(shape);
        } else {
            w = weight.reshape();
        }
        return Tensor.where(x.gt(0), x, x.mul(w));
    }

    /** {@code x > 0 ? x : alpha·(e^x - 1)}; the exponential sees {@code min(x, 0)} so large inputs cannot overflow. */
    public static Tensor elu(Tensor x, double alpha) {
        Tensor negative = x.clamp(Double.NEGATIVE_INFINITY, 0).exp().sub(1).mul(alpha);
        return Tensor.where(x.gt(0), x, negative);
    }

    /** The exact GELU, {@code x·Φ(x) = x/2·(1 + erf(x/√2))}. */
    public static Tensor gelu(Tensor x) {
        return x.mul(x.mul(SQRT_HALF).erf().add(1)).mul(0.5);
    }

    /** GELU's tanh approximation, {@code x/2·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}. */
    public static Tensor geluTanh(Tensor x) {
        Tensor inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(SQRT_TWO_OVER_PI);
        return x.mul(inner.tanh().add(1)).mul(0.5);
    }

    /** SiLU (swish), {@code x·sigmoid(x)}. */
    public static Tensor silu(Tensor x) {
        return x.mul(x.sigmoid());
    }

    /**
     * {@code log(1 + e^(beta·x)) / beta}, and {@code x} itself where {@code beta·x > threshold}
     * (PyTorch's defaults are beta 1, threshold 20).
     */
    public static Tensor softplus(Tensor x, double beta, double threshold) {
        if (!(beta > 0)) {
            throw new IllegalArgumentException("softplus: beta must be positive, got " + beta);
        }
        Tensor z = x.mul(beta);
        return Tensor.where(z.gt(threshold), x, softplus(z).div(beta));
    }

    /**
     * {@code log(1 + e^z)} computed without overflow as {@code max(z, 0) + log(1 + e^-|z|)}, with the
     * exact derivative {@code sigmoid(z)} everywhere (the max/abs kinks would give a wrong one at 0).
     */
    static Tensor softplus(Tensor z) {
        Tensor out;
        try (GradMode ignored = Autograd.noGradScope()) {
            out = z.relu().add(z.abs().neg().exp().add(1).log());
        }
        return Graph.record("softplus", out, new Tensor[] {z}, g -> new Tensor[] {g.mul(z.sigmoid())}, z);
    }
}
