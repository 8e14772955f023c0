package dev.nabla.ml.selection;

import dev.nabla.Tensor;

/**
 * One train/test partition of row indices.
 *
 * @param trainIndices INT64 rows to fit on
 * @param testIndices INT64 rows to evaluate on
 */
public record Fold(Tensor trainIndices, Tensor testIndices) {

    /** The training rows of {@code t} (first dimension indexed). */
    public Tensor train(Tensor t) {
        return t.indexSelect(0, trainIndices.to(t.device()));
    }

    /** The test rows of {@code t}. */
    public Tensor test(Tensor t) {
        return t.indexSelect(0, testIndices.to(t.device()));
    }
}
