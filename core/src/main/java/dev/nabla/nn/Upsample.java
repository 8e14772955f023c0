package dev.nabla.nn;

import dev.nabla.Tensor;

/**
 * Upsampling of {@code [N, C, H, W]} images, PyTorch's {@code nn.Upsample}: by scale factors or to a fixed
 * size, nearest or bilinear (with or without aligned corners), see {@link Functional#interpolate}.
 */
public class Upsample extends Module {

    private final int outH;
    private final int outW;
    private final double scaleH;
    private final double scaleW;
    private final InterpolationMode mode;
    private final boolean alignCorners;

    /** Nearest-neighbour, the same integer factor on both axes. */
    public Upsample(int scale) {
        this(scale, scale);
    }

    /** Nearest-neighbour, separate integer factors per axis. */
    public Upsample(int scaleH, int scaleW) {
        this(scaleH, (double) scaleW, InterpolationMode.NEAREST, false);
    }

    /**
     * By scale factors: the output is {@code floor(in · scale)} per axis.
     *
     * @throws IllegalArgumentException for non-positive factors, or {@code alignCorners} with nearest
     */
    public Upsample(double scaleH, double scaleW, InterpolationMode mode, boolean alignCorners) {
        this(0, 0, scaleH, scaleW, mode, alignCorners);
        if (!(scaleH > 0 && scaleW > 0)) {
            throw new IllegalArgumentException("Upsample: scale factors must be positive, got (" + scaleH + ", " + scaleW
                    + ")");
        }
    }

    private Upsample(int outH, int outW, double scaleH, double scaleW, InterpolationMode mode, boolean alignCorners) {
        if (alignCorners && mode == InterpolationMode.NEAREST) {
            throw new IllegalArgumentException("Upsample: alignCorners only applies to bilinear interpolation");
        }
        this.outH = outH;
        this.outW = outW;
        this.scaleH = scaleH;
        this.scaleW = scaleW;
        this.mode = mode;
        this.alignCorners = alignCorners;
    }

    /**
     * To a fixed {@code outH × outW} whatever the input size.
     *
     * @throws IllegalArgumentException for a non-positive size, or {@code alignCorners} with nearest
     */
    public static Upsample toSize(int outH, int outW, InterpolationMode mode, boolean alignCorners) {
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("Upsample: the output size must be positive, got " + outH + " x " + outW);
        }
        return new Upsample(outH, outW, Double.NaN, Double.NaN, mode, alignCorners);
    }

    /** Nearest-neighbour upsampling by integer factors as a function; differentiable (the gradient sums each block). */
    public static Tensor nearest(Tensor x, int scaleH, int scaleW) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("Upsample: expected input [N, C, H, W], got " + x.shape());
        }
        int n = x.size(0);
        int c = x.size(1);
        int h = x.size(2);
        int w = x.size(3);
        return x.reshape(n, c, h, 1, w, 1).expand(n, c, h, scaleH, w, scaleW).reshape(n, c, h * scaleH, w * scaleW);
    }

    @Override
    public Tensor forward(Tensor input) {
        if (outH > 0) {
            return Functional.interpolate(input, outH, outW, mode, alignCorners);
        }
        boolean integerFactors = scaleH == Math.rint(scaleH) && scaleW == Math.rint(scaleW);
        if (mode == InterpolationMode.NEAREST && integerFactors) {
            // a block copy gives exactly PyTorch's nearest indices for integer factors, without index tensors
            return nearest(input, (int) scaleH, (int) scaleW);
        }
        return Functional.interpolateByScale(input, scaleH, scaleW, mode, alignCorners);
    }

    @Override
    public String toString() {
        String size = outH > 0 ? "size=(" + outH + ", " + outW + ")" : "scale=(" + scaleH + ", " + scaleW + ")";
        return "Upsample(" + size + ", " + mode.name().toLowerCase(java.util.Locale.ROOT)
                + (alignCorners ? ", alignCorners" : "") + ")";
    }
}
