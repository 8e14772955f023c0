package dev.nabla.data;

/**
 * Sample indices divided into a training part and a validation part.
 *
 * @param train the training indices
 * @param validation the validation indices
 */
public record Split(int[] train, int[] validation) {
}
