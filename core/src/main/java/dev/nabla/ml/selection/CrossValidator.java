package dev.nabla.ml.selection;

import dev.nabla.Tensor;
import java.util.List;

/** A way to cut rows into train/test folds for cross-validation; stratified schemes read the labels. */
@FunctionalInterface
public interface CrossValidator {

    /** The folds of the rows of {@code y} (a vector with one entry per row). */
    List<Fold> split(Tensor y);
}
