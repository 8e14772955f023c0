package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.backend.fast.PoolGeometry;

/** 2-D max pooling with PyTorch's options: rectangular windows and strides, padding, dilation, ceil mode. */
public class MaxPool2d extends Module {

    private final PoolGeometry geometry;

    /** A square window whose stride equals its size. */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** A square window with stride and padding. */
    public MaxPool2d(int kernel, int stride, int padding) {
        this(PoolGeometry.of(kernel, stride, padding));
    }

    /** Any window, e.g. {@code Pool2dOptions.of(3, 2).withStride(2, 1).withDilation(2).withCeilMode(true)}. */
    public MaxPool2d(Pool2dOptions options) {
        this(options.geometry());
    }

    /** Any window, as the kernels' geometry. */
    public MaxPool2d(PoolGeometry geometry) {
        this.geometry = geometry;
    }

    @Override
    public Tensor forward(Tensor input) {
        return PoolOps.maxPool2d(input, geometry);
    }

    @Override
    public String toString() {
        return "MaxPool2d(" + geometry + ")";
    }
}
