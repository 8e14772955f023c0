package dev.nabla.data;

import dev.nabla.Tensor;

/**
 * Variable-length sequences padded to a common length.
 *
 * @param values INT64 {@code [batch, maxLength]}, padded at the end
 * @param mask FLOAT32 {@code [batch, maxLength]}: 1 at real positions, 0 at padding
 * @param lengths INT64 {@code [batch]}: each sequence's true length
 */
public record PaddedBatch(Tensor values, Tensor mask, Tensor lengths) {
}
