package dev.nabla.ml;

import dev.nabla.Tensor;
import dev.nabla.ml.metrics.RegressionMetrics;

/** A fitted model predicting a real value per row. */
public interface Regressor extends Predictor {

    /** The coefficient of determination R² of the predictions on {@code x}. */
    @Override
    default double score(Tensor x, Tensor y) {
        return RegressionMetrics.r2(y, predict(x));
    }
}
