package dev.nabla.data;

import dev.nabla.Tensor;

/**
 * One supervised sample.
 *
 * @param input the features
 * @param target the label or regression target
 */
public record Example(Tensor input, Tensor target) {
}
