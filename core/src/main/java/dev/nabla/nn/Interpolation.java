package dev.nabla.nn;

import dev.nabla.Tensor;

/**
 * Resizing of {@code [N, C, H, W]} images with PyTorch's source-coordinate rules ({@code upsample_nearest2d},
 * {@code upsample_bilinear2d}), one axis at a time: nearest copies rows then columns through
 * {@code indexSelect}; bilinear blends the two neighbouring rows, then columns. Both are made of
 * differentiable Tensor ops, so gradients of every order follow and every backend runs them.
 */
final class Interpolation {

    private Interpolation() {
    }

    /**
     * Resizes {@code x} to {@code outH × outW}.
     *
     * @param scaleH the user's height scale factor, or NaN when the size was given (PyTorch then uses in/out)
     * @param scaleW the width counterpart
     */
    static Tensor resize(Tensor x, int outH, int outW, double scaleH, double scaleW, InterpolationMode mode,
            boolean alignCorners) {
        if (x.rank() != 4 || !x.dtype().isFloating()) {
            throw new IllegalArgumentException("interpolate: expected a floating input [N, C, H, W], got " + x.dtype().id()
                    + " " + x.shape());
        }
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("interpolate: the output size must be positive, got " + outH + " x " + outW
                    + " for input " + x.shape());
        }
        if (alignCorners && mode == InterpolationMode.NEAREST) {
            throw new IllegalArgumentException("interpolate: alignCorners only applies to bilinear interpolation "
                    + "(PyTorch refuses it for nearest)");
        }
        if (mode == InterpolationMode.NEAREST) {
            return nearest(nearest(x, 2, outH, scaleH), 3, outW, scaleW);
        }
        return linear(linear(x, 2, outH, scaleH, alignCorners), 3, outW, scaleW, alignCorners);
    }

    /** PyTorch's {@code compute_scales_value}: the inverse of a given scale factor, else in/out. */
    private static double sourceStep(int in, int out, double scale) {
        return Double.isNaN(scale) ? (double) in / out : 1 / scale;
    }

    /** Nearest along {@code dim}: output i reads {@code min(floor(i·step), in-1)}, computed in float as PyTorch does. */
    private static Tensor nearest(Tensor x, int dim, int out, double scale) {
        int in = x.size(dim);
        float step = (float) sourceStep(in, out, scale);
        long[] index = new long[out];
        for (int i = 0; i < out; i++) {
            index[i] = Math.min((long) Math.floor(i * step), in - 1);
        }
        return x.indexSelect(dim, Tensor.of(index, out).to(x.device()));
    }

    /**
     * Linear interpolation along {@code dim}: output i sits at source coordinate {@code i·(in-1)/(out-1)} with
     * aligned corners, else {@code max(0, (i + ½)·step - ½)}; it blends rows {@code floor(src)} and the next one
     * (clamped) with weights {@code 1-λ} and {@code λ}.
     */
    private static Tensor linear(Tensor x, int dim, int out, double scale, boolean alignCorners) {
        int in = x.size(dim);
        double step = alignCorners ? (out > 1 ? (in - 1.0) / (out - 1) : 0) : sourceStep(in, out, scale);
        long[] lower = new long[out];
        long[] upper = new long[out];
        double[] lambda = new double[out];
        for (int i = 0; i < out; i++) {
            double src = alignCorners ? step * i : Math.max(0, step * (i + 0.5) - 0.5);
            lower[i] = (long) src;
            upper[i] = lower[i] + (lower[i] < in - 1 ? 1 : 0);
            lambda[i] = src - lower[i];
        }
        int[] weightShape = {1, 1, 1, 1};
        weightShape[dim] = out;
        Tensor w = Tensor.of(lambda, weightShape).to(x.dtype()).to(x.device());
        Tensor a = x.indexSelect(dim, Tensor.of(lower, out).to(x.device()));
        Tensor b = x.indexSelect(dim, Tensor.of(upper, out).to(x.device()));
        return a.mul(w.rsub(1)).add(b.mul(w));
    }
}
