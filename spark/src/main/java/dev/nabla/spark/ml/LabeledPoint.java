package dev.nabla.spark.ml;

import java.io.Serializable;

/**
 * One supervised example.
 *
 * @param features the feature vector (every row of a data set the same length)
 * @param label the target (a class label, a whole number, for classifiers)
 */
public record LabeledPoint(double[] features, double label) implements Serializable {
    private static final long serialVersionUID = 1L;
}
