package dev.nabla.models.zoo;

import dev.nabla.Device;
import java.nio.file.Path;

/**
 * What the user asked of a training run; a zero or null field means "the model's default".
 *
 * @param epochs passes over the training data
 * @param batchSize samples per step
 * @param lr the learning rate
 * @param device where to train
 * @param seed the seed of every random choice
 * @param data a folder or file of real data to use instead of the embedded default (or null)
 * @param out the folder for checkpoints, metrics and plots (or null for none)
 */
public record TrainOptions(int epochs, int batchSize, double lr, Device device, long seed, Path data, Path out) {

    /** Validates the values that are set. */
    public TrainOptions {
        if (epochs < 0 || batchSize < 0 || lr < 0 || Double.isNaN(lr)) {
            throw new IllegalArgumentException("train: epochs, batch size and learning rate must be positive, got epochs="
                    + epochs + " batch-size=" + batchSize + " lr=" + lr);
        }
    }

    /** {@code epochs}, or {@code fallback} when unset. */
    public int epochsOr(int fallback) {
        return epochs > 0 ? epochs : fallback;
    }

    /** {@code batchSize}, or {@code fallback} when unset. */
    public int batchSizeOr(int fallback) {
        return batchSize > 0 ? batchSize : fallback;
    }

    /** {@code lr}, or {@code fallback} when unset. */
    public double lrOr(double fallback) {
        return lr > 0 ? lr : fallback;
    }
}
