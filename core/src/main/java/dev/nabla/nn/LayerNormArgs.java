package dev.nabla.nn;

import dev.nabla.Tensor;
import java.util.Arrays;

/**
 * Argument checks of {@link Functional#layerNorm}, made before either path runs: the fused kernel
 * takes every operand in one dtype on one device, and the composed path would otherwise broadcast
 * a wrongly shaped weight or promote a float64 one without a word.
 */
final class LayerNormArgs {

    private LayerNormArgs() {
    }

    /**
     * Checks the operands of one layer norm.
     *
     * @param x the input
     * @param normalizedShape the trailing shape to normalise over
     * @param weight the scale, or null
     * @param bias the shift, or null
     * @throws IllegalArgumentException when x is not floating or does not end in {@code normalizedShape}, or when
     *         weight or bias (either may be null) is not of shape {@code normalizedShape}, x's dtype and x's device
     */
    static void check(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias) {
        int k = normalizedShape.length;
        int[] shape = x.shape().toArray();
        if (k == 0 || shape.length < k
                || !Arrays.equals(Arrays.copyOfRange(shape, shape.length - k, shape.length), normalizedShape)) {
            throw new IllegalArgumentException("layerNorm: expected input with trailing shape "
                    + Arrays.toString(normalizedShape) + ", got shape " + x.shape());
        }
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException("layerNorm: expected a floating input, got " + x.dtype().id()
                    + " of shape " + x.shape());
        }
        parameter("weight", weight, x, normalizedShape);
        parameter("bias", bias, x, normalizedShape);
    }

    private static void parameter(String name, Tensor p, Tensor x, int[] normalizedShape) {
        if (p == null) {
            return;
        }
        if (!Arrays.equals(p.shape().toArray(), normalizedShape)) {
            throw new IllegalArgumentException("layerNorm: " + name + " must have shape "
                    + Arrays.toString(normalizedShape) + " (normalizedShape), got " + p.shape());
        }
        if (p.dtype() != x.dtype()) {
            throw new IllegalArgumentException("layerNorm: " + name + " of shape " + p.shape() + " is "
                    + p.dtype().id() + " but the input of shape " + x.shape() + " is " + x.dtype().id()
                    + " (convert one with to(dtype))");
        }
        if (!p.device().equals(x.device())) {
            throw new IllegalArgumentException("layerNorm: " + name + " of shape " + p.shape() + " is on "
                    + p.device() + " but the input of shape " + x.shape() + " is on " + x.device()
                    + " (move one with to(device))");
        }
    }
}
