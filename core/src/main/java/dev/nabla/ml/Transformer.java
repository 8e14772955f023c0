package dev.nabla.ml;

import dev.nabla.Tensor;

/** A fitted transformation of feature matrices (scaling, projection). */
public interface Transformer {

    /** The transformed rows of {@code x}. */
    Tensor transform(Tensor x);
}
