package dev.nabla.ml;

import dev.nabla.Tensor;

/**
 * Hyper-parameters of a supervised algorithm; {@link #fit} learns from labelled rows.
 *
 * @param <M> the fitted model type
 */
@FunctionalInterface
public interface SupervisedLearner<M extends Predictor> {

    /**
     * Fits a model.
     *
     * @param x features {@code [n, d]} (floating, finite)
     * @param y targets {@code [n]}: real values for regression, integer labels for classification
     * @return the fitted, immutable model
     */
    M fit(Tensor x, Tensor y);
}
