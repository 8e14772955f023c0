package dev.nabla.ml.preprocessing;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.UnsupervisedLearner;

/**
 * Min-max scaling of each feature's training range onto {@code [low, high]}.
 *
 * @param low target minimum
 * @param high target maximum, {@code > low}
 */
public record MinMaxScaler(double low, double high) implements UnsupervisedLearner<AffineScaling> {

    /** Validates the range. */
    public MinMaxScaler {
        if (!(low < high)) {
            throw new IllegalArgumentException("MinMaxScaler: low " + low + " must be below high " + high);
        }
    }

    /** Onto {@code [0, 1]}. */
    public static MinMaxScaler unit() {
        return new MinMaxScaler(0, 1);
    }

    @Override
    public AffineScaling fit(Tensor x) {
        Inputs.requireMatrix("MinMaxScaler.fit", x);
        Tensor min = x.min(new int[] {0}, false);
        Tensor range = AffineScaling.safeScale(x.max(new int[] {0}, false).sub(min));
        // (x - min) / range · (high - low) + low  ==  (x - shift) / scale
        Tensor scale = range.div(high - low);
        return new AffineScaling(min.sub(scale.mul(low)), scale);
    }
}
