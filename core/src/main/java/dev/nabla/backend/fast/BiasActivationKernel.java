package dev.nabla.backend.fast;

import dev.nabla.backend.Strided;

/**
 * Fast path for {@code act(x + bias)} with the bias broadcast along one channel dimension, the
 * tail of every linear and convolution layer followed by an activation: one pass forward instead
 * of an add and an activation (each reading and writing the whole tensor), and one pass backward
 * for the input gradient plus a per-channel sum for the bias gradient. Every operand is a
 * contiguous float32 tensor; x is viewed as {@code [outer, channels, inner]} where
 * {@code channels = numel(bias)}. Results equal the composed float32 ops bit for bit, except the
 * bias gradient, whose summation order is the backend's own.
 */
public interface BiasActivationKernel extends FastPath {

    /**
     * {@code out[o, c, i] = act(x[o, c, i] + bias[c])}, the sum rounded to float32 before the activation.
     *
     * @param x the pre-activation values
     * @param bias one value per channel
     * @param inner the number of elements per channel within one outer index (1 for a linear layer,
     *     {@code H · W} for a convolution)
     * @param act the activation
     * @param out x's shape, overwritten
     */
    void biasActivation(Strided x, Strided bias, int inner, FusedActivation act, Strided out);

    /**
     * The gradients of {@link #biasActivation} from its output: {@code gradX = gradOut · act'(y)}
     * with {@code act'} written in terms of {@code y} (ReLU {@code y > 0}, sigmoid
     * {@code (gradOut · y)(1 - y)}, tanh {@code gradOut (1 - y · y)}, rounded after each operation
     * as the composed ops are), and {@code gradBias[c] = Σ gradX[o, c, i]} over o and i.
     *
     * @param y the forward output
     * @param gradOut the output gradient, y's shape
     * @param inner as in the forward
     * @param act the forward's activation
     * @param gradX y's shape, overwritten
     * @param gradBias one value per channel, overwritten
     */
    void biasActivationBackward(Strided y, Strided gradOut, int inner, FusedActivation act, Strided gradX,
            Strided gradBias);
}
