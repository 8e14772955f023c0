package dev.nabla.ml;

import dev.nabla.Tensor;

/** A classifier that also estimates class probabilities. */
public interface ProbabilisticClassifier extends Classifier {

    /** Probabilities {@code [n, numClasses]}, columns in the order of {@link #classes()}; rows sum to 1. */
    Tensor predictProba(Tensor x);
}
