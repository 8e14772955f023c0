package dev.nabla.ml;

import dev.nabla.Tensor;
import dev.nabla.ml.metrics.ClassificationMetrics;

/** A fitted model predicting a class label (INT64) per row. */
public interface Classifier extends Predictor {

    /** The class labels seen in training, in ascending order. */
    ClassLabels classes();

    /** The fraction of rows of {@code x} whose predicted label equals {@code y}. */
    @Override
    default double score(Tensor x, Tensor y) {
        return ClassificationMetrics.accuracy(y, predict(x));
    }
}
