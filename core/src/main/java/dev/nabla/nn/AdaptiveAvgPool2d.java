package dev.nabla.nn;

import dev.nabla.Tensor;

/** Average pooling to a fixed output size whatever the input size (PyTorch's adaptive windows). */
public class AdaptiveAvgPool2d extends Module {

    private final int outH;
    private final int outW;

    /** A square output of {@code size × size}. */
    public AdaptiveAvgPool2d(int size) {
        this(size, size);
    }

    /** An output of {@code outH × outW}. */
    public AdaptiveAvgPool2d(int outH, int outW) {
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("AdaptiveAvgPool2d: output size must be positive, got (" + outH + ", " + outW
                    + ")");
        }
        this.outH = outH;
        this.outW = outW;
    }

    @Override
    public Tensor forward(Tensor input) {
        return PoolOps.adaptiveAvgPool2d(input, outH, outW);
    }

    @Override
    public String toString() {
        return "AdaptiveAvgPool2d(" + outH + ", " + outW + ")";
    }
}
