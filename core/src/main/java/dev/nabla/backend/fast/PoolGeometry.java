package dev.nabla.backend.fast;

/**
 * A 2-D pooling window: its size, its step and implicit padding on each side.
 *
 * @param kernelH window height
 * @param kernelW window width
 * @param strideH vertical step
 * @param strideW horizontal step
 * @param padH rows of padding above and below (at most half the window)
 * @param padW columns of padding left and right (at most half the window)
 */
public record PoolGeometry(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {

    /** Validates the values; padding beyond half the window would allow windows made only of padding. */
    public PoolGeometry {
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || padH < 0 || padW < 0
                || padH > kernelH / 2 || padW > kernelW / 2) {
            throw new IllegalArgumentException("PoolGeometry: need kernel >= 1, stride >= 1 and 0 <= padding <= kernel/2,"
                    + " got kernel=(" + kernelH + ", " + kernelW + ") stride=(" + strideH + ", " + strideW + ") padding=("
                    + padH + ", " + padW + ")");
        }
    }

    /** A square window; the stride defaults to the window size in PyTorch. */
    public static PoolGeometry of(int kernel, int stride, int padding) {
        return new PoolGeometry(kernel, kernel, stride, stride, padding, padding);
    }

    /** The output height for input height {@code in} (floor mode). */
    public int outputHeight(int in) {
        return Math.max(0, (in + 2 * padH - kernelH) / strideH + 1);
    }

    /** The output width for input width {@code in} (floor mode). */
    public int outputWidth(int in) {
        return Math.max(0, (in + 2 * padW - kernelW) / strideW + 1);
    }

    /** The same window as a convolution geometry (no dilation, one group), for shared window arithmetic. */
    public ConvGeometry asConv() {
        return new ConvGeometry(strideH, strideW, padH, padW, 1, 1, 1);
    }
}
