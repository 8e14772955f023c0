package dev.nabla.ml;

import dev.nabla.Tensor;

/** A fitted two-class model with a real-valued score: the second class where {@link #decisionFunction} is positive. */
public interface BinaryClassifier extends Classifier {

    /** The signed score of each row, {@code [n]}; higher means more likely the second class. */
    Tensor decisionFunction(Tensor x);
}
