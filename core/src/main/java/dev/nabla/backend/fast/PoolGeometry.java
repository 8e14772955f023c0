package dev.nabla.backend.fast;

/**
 * A 2-D pooling window: its size, its step, implicit padding on each side, the spacing of its taps
 * (dilation, max pooling only) and the rounding of the output size, with PyTorch's rules. Window
 * {@code o} along an axis starts at {@code o·stride - pad} and reads taps {@code start + dilation·t},
 * {@code t < kernel}; cells outside the input never win a maximum and add nothing to a sum.
 *
 * @param kernelH window height
 * @param kernelW window width
 * @param strideH vertical step
 * @param strideW horizontal step
 * @param padH rows of padding above and below (at most half the window)
 * @param padW columns of padding left and right (at most half the window)
 * @param dilationH spacing between window rows
 * @param dilationW spacing between window columns
 * @param ceilMode round the output size up, so a last partial window still counts (it must start
 *     inside the input or the leading padding)
 */
public record PoolGeometry(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, int dilationH,
        int dilationW, boolean ceilMode) {

    /** Validates the values; padding beyond half the window would allow windows made only of padding (PyTorch's rule). */
    public PoolGeometry {
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1 || padH < 0
                || padW < 0 || padH > kernelH / 2 || padW > kernelW / 2) {
            throw new IllegalArgumentException("PoolGeometry: need kernel >= 1, stride >= 1, dilation >= 1 and 0 <= padding"
                    + " <= kernel/2, got kernel=(" + kernelH + ", " + kernelW + ") stride=(" + strideH + ", " + strideW
                    + ") padding=(" + padH + ", " + padW + ") dilation=(" + dilationH + ", " + dilationW + ")");
        }
    }

    /** A window without dilation, output size rounded down. */
    public PoolGeometry(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        this(kernelH, kernelW, strideH, strideW, padH, padW, 1, 1, false);
    }

    /** A square window; the stride defaults to the window size in PyTorch. */
    public static PoolGeometry of(int kernel, int stride, int padding) {
        return new PoolGeometry(kernel, kernel, stride, stride, padding, padding);
    }

    /** The output height for input height {@code in}; zero or negative when the window does not fit. */
    public int outputHeight(int in) {
        return outputSize(in, kernelH, strideH, padH, dilationH, ceilMode);
    }

    /** The output width for input width {@code in}; zero or negative when the window does not fit. */
    public int outputWidth(int in) {
        return outputSize(in, kernelW, strideW, padW, dilationW, ceilMode);
    }

    /** PyTorch's {@code pooling_output_shape}: floor (or ceil) division, then no window may start past the input. */
    private static int outputSize(int in, int kernel, int stride, int pad, int dilation, boolean ceil) {
        long span = (long) in + 2L * pad - (long) dilation * (kernel - 1) - 1 + (ceil ? stride - 1 : 0);
        long out = Math.floorDiv(span, stride) + 1;
        if (ceil && (out - 1) * stride >= (long) in + pad) {
            out--;
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, out));
    }

    /** Rows the last window reaches below the bottom padding (non-zero only in ceil mode). */
    public int overhangHeight(int in) {
        return overhang(in, outputHeight(in), kernelH, strideH, padH, dilationH);
    }

    /** Columns the last window reaches right of the right padding (non-zero only in ceil mode). */
    public int overhangWidth(int in) {
        return overhang(in, outputWidth(in), kernelW, strideW, padW, dilationW);
    }

    private static int overhang(int in, int out, int kernel, int stride, int pad, int dilation) {
        return Math.max(0, (out - 1) * stride + dilation * (kernel - 1) + 1 - (in + 2 * pad));
    }

    /** Whether every output window along the height reads at least one input row (else its maximum is undefined). */
    public boolean everyWindowReadsInputRows(int in) {
        return everyWindowReadsInput(in, outputHeight(in), kernelH, strideH, padH, dilationH);
    }

    /** Whether every output window along the width reads at least one input column. */
    public boolean everyWindowReadsInputColumns(int in) {
        return everyWindowReadsInput(in, outputWidth(in), kernelW, strideW, padW, dilationW);
    }

    private static boolean everyWindowReadsInput(int in, int out, int kernel, int stride, int pad, int dilation) {
        for (int o = 0; o < out; o++) {
            int start = o * stride - pad;
            int first = start >= 0 ? start : start + dilation * ((-start + dilation - 1) / dilation);
            if (first >= in || first > start + dilation * (kernel - 1)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the taps are spaced (dilation above 1 on some axis). */
    public boolean dilated() {
        return dilationH > 1 || dilationW > 1;
    }

    /** The same window as a convolution geometry (one group), for shared window arithmetic. */
    public ConvGeometry asConv() {
        return new ConvGeometry(strideH, strideW, padH, padW, dilationH, dilationW, 1);
    }
}
