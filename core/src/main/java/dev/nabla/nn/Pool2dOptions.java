package dev.nabla.nn;

import dev.nabla.backend.fast.PoolGeometry;

/**
 * The window of a 2-D pooling layer in PyTorch's terms, with a value per axis (height, width) where
 * PyTorch takes an int or a pair. Start from {@link #of(int)} or {@link #of(int, int)} (stride = window,
 * PyTorch's default; no padding or dilation; floor mode) and adjust with the {@code with...} methods.
 *
 * @param kernelH window height
 * @param kernelW window width
 * @param strideH vertical step
 * @param strideW horizontal step
 * @param padH implicit padding rows above and below (at most half the window height)
 * @param padW implicit padding columns left and right (at most half the window width)
 * @param dilationH spacing between window rows (max pooling only)
 * @param dilationW spacing between window columns (max pooling only)
 * @param ceilMode round the output size up (PyTorch's {@code ceil_mode})
 */
public record Pool2dOptions(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, int dilationH,
        int dilationW, boolean ceilMode) {

    /** Validates through the geometry (PyTorch's rules). */
    public Pool2dOptions {
        new PoolGeometry(kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, ceilMode);
    }

    /** A square window whose stride equals its size. */
    public static Pool2dOptions of(int kernel) {
        return of(kernel, kernel);
    }

    /** A {@code kernelH × kernelW} window whose stride equals its size. */
    public static Pool2dOptions of(int kernelH, int kernelW) {
        return new Pool2dOptions(kernelH, kernelW, kernelH, kernelW, 0, 0, 1, 1, false);
    }

    /** With the same stride on both axes. */
    public Pool2dOptions withStride(int stride) {
        return withStride(stride, stride);
    }

    /** With a stride per axis. */
    public Pool2dOptions withStride(int h, int w) {
        return new Pool2dOptions(kernelH, kernelW, h, w, padH, padW, dilationH, dilationW, ceilMode);
    }

    /** With the same padding on both axes. */
    public Pool2dOptions withPadding(int padding) {
        return withPadding(padding, padding);
    }

    /** With padding per axis. */
    public Pool2dOptions withPadding(int h, int w) {
        return new Pool2dOptions(kernelH, kernelW, strideH, strideW, h, w, dilationH, dilationW, ceilMode);
    }

    /** With the same dilation on both axes (max pooling only). */
    public Pool2dOptions withDilation(int dilation) {
        return withDilation(dilation, dilation);
    }

    /** With a dilation per axis (max pooling only). */
    public Pool2dOptions withDilation(int h, int w) {
        return new Pool2dOptions(kernelH, kernelW, strideH, strideW, padH, padW, h, w, ceilMode);
    }

    /** With the output size rounded up ({@code true}) or down. */
    public Pool2dOptions withCeilMode(boolean value) {
        return new Pool2dOptions(kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, value);
    }

    /** The window as the geometry the pooling kernels take. */
    public PoolGeometry geometry() {
        return new PoolGeometry(kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, ceilMode);
    }
}
