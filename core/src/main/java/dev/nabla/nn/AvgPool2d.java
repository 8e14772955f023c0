package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.backend.fast.PoolGeometry;

/** 2-D average pooling (floor mode); padding counts toward the divisor unless told otherwise, as in PyTorch. */
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

    /** Any window; {@code countIncludePad} chooses whether padding cells count toward the divisor. */
    public AvgPool2d(PoolGeometry geometry, boolean countIncludePad) {
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
