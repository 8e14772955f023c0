package dev.nabla.ml;

import dev.nabla.Tensor;

/** A fitted model that maps a feature matrix {@code [n, d]} to one prediction per row. */
public interface Predictor {

    /** One prediction per row of {@code x}. */
    Tensor predict(Tensor x);

    /** A quality score of the predictions on {@code x} against {@code y}; higher is better. */
    double score(Tensor x, Tensor y);

    /** The number of features the model was fitted on. */
    int numFeatures();
}
