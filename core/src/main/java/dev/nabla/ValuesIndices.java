package dev.nabla;

/**
 * Values picked along a dimension together with their INT64 positions there, as {@link Tensor#sort},
 * {@link Tensor#topk}, and {@link Tensor#max(int, boolean)} / {@link Tensor#min(int, boolean)} return them
 * (PyTorch's {@code (values, indices)} named tuples). The values carry the gradient, which flows back to the
 * picked positions.
 *
 * @param values the picked values
 * @param indices their positions along the dimension, of the values' shape
 */
public record ValuesIndices(Tensor values, Tensor indices) {
}
