package dev.nabla.data;

import dev.nabla.Tensor;

/** Standardises each feature to mean 0 and standard deviation 1 (population std, as scikit-learn);
 * a constant feature is only centred. */
public final class Standardizer extends AffineScaler {

    @Override
    protected Tensor[] shiftAndScale(Tensor train) {
        int[] samples = {0};
        return new Tensor[] {train.mean(samples, false), nonZero(train.std(samples, 0, false))};
    }
}
