package dev.nabla.ml.preprocessing;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.UnsupervisedLearner;

/**
 * Standardisation: subtract each feature's mean and divide by its (population) standard deviation.
 *
 * @param withMean whether to centre
 * @param withStd whether to scale to unit variance
 */
public record StandardScaler(boolean withMean, boolean withStd) implements UnsupervisedLearner<AffineScaling> {

    /** Centre and scale. */
    public static StandardScaler defaults() {
        return new StandardScaler(true, true);
    }

    @Override
    public AffineScaling fit(Tensor x) {
        Inputs.requireMatrix("StandardScaler.fit", x);
        int d = x.size(1);
        Tensor mean = withMean ? x.mean(new int[] {0}, false) : Tensor.zeros(x.dtype(), x.device(), d);
        Tensor std = withStd ? AffineScaling.safeScale(x.std(new int[] {0}, 0, false))
                : Tensor.ones(x.dtype(), x.device(), d);
        return new AffineScaling(mean, std);
    }
}
