package dev.nabla.ml;

import dev.nabla.Tensor;

/**
 * Hyper-parameters of an unsupervised algorithm; {@link #fit} learns from unlabelled rows.
 *
 * @param <M> the fitted model type
 */
@FunctionalInterface
public interface UnsupervisedLearner<M> {

    /** Fits a model to the rows of {@code x} ({@code [n, d]}, floating, finite). */
    M fit(Tensor x);
}
