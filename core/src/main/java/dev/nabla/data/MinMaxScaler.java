package dev.nabla.data;

import dev.nabla.Tensor;

/**
 * Maps each feature's training range {@code [min, max]} linearly onto {@code [low, high]}; a
 * constant feature maps to {@code low} (as scikit-learn).
 */
public final class MinMaxScaler extends AffineScaler {

    private final double low;
    private final double high;

    /** Scales onto [0, 1]. */
    public MinMaxScaler() {
        this(0, 1);
    }

    /** Scales onto {@code [low, high]}, {@code low < high}. */
    public MinMaxScaler(double low, double high) {
        if (!(low < high)) {
            throw new IllegalArgumentException("MinMaxScaler: need low < high, got [" + low + ", " + high + "]");
        }
        this.low = low;
        this.high = high;
    }

    @Override
    protected Tensor[] shiftAndScale(Tensor train) {
        int[] samples = {0};
        Tensor min = train.min(samples, false);
        Tensor range = nonZero(train.max(samples, false).sub(min));
        Tensor scale = range.div(high - low);
        // (x − (min − low·scale)) / scale = (x − min)/range·(high − low) + low
        return new Tensor[] {min.sub(scale.mul(low)), scale};
    }
}
