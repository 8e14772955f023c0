package dev.nabla.backend.fast;

/**
 * How a 2-D convolution window moves over its input: stride, zero padding, dilation (spacing
 * of kernel taps) per spatial axis, and the number of channel groups.
 *
 * @param strideH vertical step between windows
 * @param strideW horizontal step between windows
 * @param padH zero rows added above and below
 * @param padW zero columns added left and right
 * @param dilationH spacing between kernel rows
 * @param dilationW spacing between kernel columns
 * @param groups channel groups: input and output channels split into this many independent blocks
 */
public record ConvGeometry(int strideH, int strideW, int padH, int padW, int dilationH, int dilationW, int groups) {

    /** Validates the values. */
    public ConvGeometry {
        if (strideH < 1 || strideW < 1 || padH < 0 || padW < 0 || dilationH < 1 || dilationW < 1 || groups < 1) {
            throw new IllegalArgumentException("ConvGeometry: need stride >= 1, padding >= 0, dilation >= 1, groups >= 1,"
                    + " got stride=(" + strideH + ", " + strideW + ") padding=(" + padH + ", " + padW + ") dilation=("
                    + dilationH + ", " + dilationW + ") groups=" + groups);
        }
    }

    /** Square geometry: the same stride, padding and dilation on both axes. */
    public static ConvGeometry of(int stride, int padding, int dilation, int groups) {
        return new ConvGeometry(stride, stride, padding, padding, dilation, dilation, groups);
    }

    /** Stride 1, no padding, no dilation, one group. */
    public static ConvGeometry unit() {
        return of(1, 0, 1, 1);
    }

    /** The output height for input height {@code in} and kernel height {@code k} (may be &lt;= 0 when too small). */
    public int outputHeight(int in, int k) {
        return outputSize(in, k, strideH, padH, dilationH);
    }

    /** The output width for input width {@code in} and kernel width {@code k} (may be &lt;= 0 when too small). */
    public int outputWidth(int in, int k) {
        return outputSize(in, k, strideW, padW, dilationW);
    }

    private static int outputSize(int in, int k, int stride, int pad, int dilation) {
        int span = in + 2 * pad - dilation * (k - 1) - 1;
        return span < 0 ? 0 : span / stride + 1;
    }

    /** The input extent a transposed convolution produces: {@code (in-1)*stride - 2*pad + dilation*(k-1) + extra + 1}. */
    public int transposedHeight(int in, int k, int extra) {
        return (in - 1) * strideH - 2 * padH + dilationH * (k - 1) + extra + 1;
    }

    /** The width counterpart of {@link #transposedHeight}. */
    public int transposedWidth(int in, int k, int extra) {
        return (in - 1) * strideW - 2 * padW + dilationW * (k - 1) + extra + 1;
    }
}
