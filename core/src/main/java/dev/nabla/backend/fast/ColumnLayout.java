package dev.nabla.backend.fast;

import dev.nabla.backend.Strided;
import java.util.Arrays;

/**
 * The shapes of one im2col lowering: input {@code [N, C, H, W]}, a {@code kh × kw} kernel moved as
 * {@code geometry} says, and the column matrix {@code [N, C·kh·kw, OH·OW]} whose row
 * {@code (c·kh + i)·kw + j} holds kernel tap {@code (i, j)} of channel {@code c} at every output position.
 *
 * @param batch N
 * @param channels C
 * @param height H
 * @param width W
 * @param geometry stride, padding and dilation (groups are ignored)
 * @param kh kernel height
 * @param kw kernel width
 * @param outH output height
 * @param outW output width
 */
public record ColumnLayout(int batch, int channels, int height, int width, ConvGeometry geometry, int kh, int kw, int outH, int outW) {

    /**
     * The layout for {@code input} and a {@code kh × kw} kernel; {@code op} names the caller in errors.
     *
     * @throws IllegalArgumentException when the input is not rank 4, the kernel is empty or larger than the
     *     padded input
     */
    public static ColumnLayout of(String op, int[] input, ConvGeometry geometry, int kh, int kw) {
        if (input.length != 4 || kh < 1 || kw < 1) {
            throw new IllegalArgumentException(op + ": expected an [N, C, H, W] input and a kernel of at least 1x1, got "
                    + Arrays.toString(input) + " and " + kh + "x" + kw);
        }
        int outH = geometry.outputHeight(input[2], kh);
        int outW = geometry.outputWidth(input[3], kw);
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException(op + ": input " + Arrays.toString(input) + " is smaller than the dilated "
                    + kh + "x" + kw + " kernel with " + geometry);
        }
        return new ColumnLayout(input[0], input[1], input[2], input[3], geometry, kh, kw, outH, outW);
    }

    /** {@code [N, C, H, W]}. */
    public int[] inputShape() {
        return new int[] {batch, channels, height, width};
    }

    /** {@code [N, C·kh·kw, OH·OW]}. */
    public int[] columnShape() {
        return new int[] {batch, channels * kh * kw, outH * outW};
    }

    /**
     * The layout of {@code image} ({@code [N, C, H, W]}) and a {@code kh × kw} kernel, checked against
     * {@code cols}: the column shape, contiguous, and one floating dtype for both.
     *
     * @throws IllegalArgumentException naming the shapes and dtypes otherwise
     */
    public static ColumnLayout between(String op, Strided image, ConvGeometry geometry, int kh, int kw, Strided cols) {
        ColumnLayout layout = of(op, image.shape(), geometry, kh, kw);
        if (!Arrays.equals(cols.shape(), layout.columnShape()) || !cols.isContiguous() || image.dtype() != cols.dtype()
                || !image.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": expected image " + Arrays.toString(layout.inputShape())
                    + " and contiguous columns " + Arrays.toString(layout.columnShape()) + " of one floating dtype, got "
                    + image + " and " + cols);
        }
        return layout;
    }
}
