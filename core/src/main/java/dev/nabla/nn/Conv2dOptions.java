package dev.nabla.nn;

import dev.nabla.backend.fast.ConvGeometry;

/**
 * Hyper-parameters of a 2-D convolution layer in PyTorch's terms, with a value per axis (height, width)
 * where PyTorch takes an int or a pair. Start from {@link #of(int, int, int)} or
 * {@link #of(int, int, int, int)} (stride 1, no padding, no dilation, one group, with bias) and adjust
 * with the {@code with...} methods.
 *
 * @param inChannels input channels (divisible by groups)
 * @param outChannels output channels (divisible by groups)
 * @param kernelH kernel height
 * @param kernelW kernel width
 * @param strideH vertical step
 * @param strideW horizontal step
 * @param padH zero rows above and below (ignored with {@code samePadding})
 * @param padW zero columns left and right (ignored with {@code samePadding})
 * @param samePadding PyTorch's {@code padding="same"}: the output keeps the input's size (stride 1 only);
 *     when {@code dilation·(kernel-1)} is odd the extra zero goes below / right, as in PyTorch
 * @param dilationH spacing between kernel rows
 * @param dilationW spacing between kernel columns
 * @param groups channel groups ({@code groups == inChannels}: depthwise)
 * @param bias whether the layer adds a learned bias
 */
public record Conv2dOptions(int inChannels, int outChannels, int kernelH, int kernelW, int strideH, int strideW, int padH,
        int padW, boolean samePadding, int dilationH, int dilationW, int groups, boolean bias) {

    /** Validates what the layer's constructor cannot: the geometry's ranges and "same" padding's stride. */
    public Conv2dOptions {
        new ConvGeometry(strideH, strideW, padH, padW, dilationH, dilationW, groups);
        if (samePadding && (strideH != 1 || strideW != 1)) {
            throw new IllegalArgumentException("Conv2dOptions: padding \"same\" needs stride 1 (as in PyTorch), got stride=("
                    + strideH + ", " + strideW + ")");
        }
    }

    /** A square kernel, stride 1, no padding, no dilation, one group, with bias. */
    public static Conv2dOptions of(int inChannels, int outChannels, int kernel) {
        return of(inChannels, outChannels, kernel, kernel);
    }

    /** A {@code kernelH × kernelW} kernel, stride 1, no padding, no dilation, one group, with bias. */
    public static Conv2dOptions of(int inChannels, int outChannels, int kernelH, int kernelW) {
        return new Conv2dOptions(inChannels, outChannels, kernelH, kernelW, 1, 1, 0, 0, false, 1, 1, 1, true);
    }

    /** With the same stride on both axes. */
    public Conv2dOptions withStride(int stride) {
        return withStride(stride, stride);
    }

    /** With a stride per axis. */
    public Conv2dOptions withStride(int h, int w) {
        return new Conv2dOptions(inChannels, outChannels, kernelH, kernelW, h, w, padH, padW, samePadding, dilationH,
                dilationW, groups, bias);
    }

    /** With the same explicit zero padding on both axes. */
    public Conv2dOptions withPadding(int padding) {
        return withPadding(padding, padding);
    }

    /** With explicit zero padding per axis (rows above and below, columns left and right). */
    public Conv2dOptions withPadding(int h, int w) {
        return new Conv2dOptions(inChannels, outChannels, kernelH, kernelW, strideH, strideW, h, w, false, dilationH,
                dilationW, groups, bias);
    }

    /** With PyTorch's {@code padding="same"}: the output has the input's height and width (stride must be 1). */
    public Conv2dOptions withSamePadding() {
        return new Conv2dOptions(inChannels, outChannels, kernelH, kernelW, strideH, strideW, 0, 0, true, dilationH,
                dilationW, groups, bias);
    }

    /** With the same dilation on both axes. */
    public Conv2dOptions withDilation(int dilation) {
        return withDilation(dilation, dilation);
    }

    /** With a dilation per axis. */
    public Conv2dOptions withDilation(int h, int w) {
        return new Conv2dOptions(inChannels, outChannels, kernelH, kernelW, strideH, strideW, padH, padW, samePadding, h, w,
                groups, bias);
    }

    /** With {@code value} channel groups. */
    public Conv2dOptions withGroups(int value) {
        return new Conv2dOptions(inChannels, outChannels, kernelH, kernelW, strideH, strideW, padH, padW, samePadding,
                dilationH, dilationW, value, bias);
    }

    /** With or without a bias. */
    public Conv2dOptions withBias(boolean value) {
        return new Conv2dOptions(inChannels, outChannels, kernelH, kernelW, strideH, strideW, padH, padW, samePadding,
                dilationH, dilationW, groups, value);
    }

    /** The window geometry; with "same" padding, the explicit padding that {@link ConvOps#conv2dSame} uses. */
    public ConvGeometry geometry() {
        return samePadding ? ConvOps.samePaddingGeometry(kernelH, kernelW, dilationH, dilationW, groups)
                : new ConvGeometry(strideH, strideW, padH, padW, dilationH, dilationW, groups);
    }
}
