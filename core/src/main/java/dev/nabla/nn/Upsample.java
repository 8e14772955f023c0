package dev.nabla.nn;

import dev.nabla.Tensor;

/** Nearest-neighbour upsampling of {@code [N, C, H, W]} by integer factors: each pixel becomes a block. */
public class Upsample extends Module {

    private final int scaleH;
    private final int scaleW;

    /** The same factor on both axes. */
    public Upsample(int scale) {
        this(scale, scale);
    }

    /** Separate integer factors per axis. */
    public Upsample(int scaleH, int scaleW) {
        if (scaleH < 1 || scaleW < 1) {
            throw new IllegalArgumentException("Upsample: scale factors must be positive integers, got (" + scaleH + ", "
                    + scaleW + ")");
        }
        this.scaleH = scaleH;
        this.scaleW = scaleW;
    }

    /** Nearest-neighbour upsampling as a function; differentiable (the gradient sums each block). */
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
        return nearest(input, scaleH, scaleW);
    }

    @Override
    public String toString() {
        return "Upsample(scale=(" + scaleH + ", " + scaleW + "), nearest)";
    }
}
