package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.backend.fast.PoolGeometry;

/**
 * 2-D average pooling with PyTorch's options (rectangular windows and strides, padding, ceil mode; no
 * dilation); padding counts toward the divisor unless told otherwise, as in PyTorch.
 */
public class AvgPool2d extends Module {

    private final PoolGeometry geometry;
    private final boolean countIncludePad;

    /** A square window whose stride equals its size. */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** A square window with stride and padding; padding counts toward the divisor. */
    public AvgPool2d(int kernel, int stride, int padding) {
        this(PoolGeometry.of(kernel, stride, padding), true);
    }

    /**
     * Any undilated window; {@code countIncludePad} chooses whether padding cells count toward the divisor.
     *
     * @throws IllegalArgumentException for a dilated window
     */
    public AvgPool2d(Pool2dOptions options, boolean countIncludePad) {
        this(options.geometry(), countIncludePad);
    }

    /** Any undilated window, as the kernels' geometry. */
    public AvgPool2d(PoolGeometry geometry, boolean countIncludePad) {
        PoolOps.checkUndilated("AvgPool2d", geometry);
        this.geometry = geometry;
        this.countIncludePad = countIncludePad;
    }

    @Override
    public Tensor forward(Tensor input) {
        return PoolOps.avgPool2d(input, geometry, countIncludePad);
    }

    @Override
    public String toString() {
        return "AvgPool2d(" + geometry + ", countIncludePad=" + countIncludePad + ")";
    }
}
