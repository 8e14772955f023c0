package dev.nabla.models.zoo;

import dev.nabla.Device;
import java.nio.file.Path;

/**
 * What the user asked of a run; a zero or null field means "the model's default" until
 * {@link #resolve(Defaults)} fills it in.
 *
 * @param epochs passes over the training data
 * @param batchSize samples per step
 * @param lr the learning rate
 * @param device where to train
 * @param seed the seed of every random choice
 * @param data a folder of MNIST-format IDX files to use instead of the embedded digits (or null)
 * @param text a UTF-8 text file to use instead of the embedded corpus (or null)
 */
public record TrainOptions(int epochs, int batchSize, double lr, Device device, long seed, Path data, Path text) {

    /** Validates the values that are set. */
    public TrainOptions {
        if (epochs < 0) {
            throw new IllegalArgumentException("train: --epochs must be positive, got " + epochs);
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("train: --batch-size must be positive, got " + batchSize);
        }
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("train: --lr must be a positive number, got " + lr);
        }
        if (device == null) {
            throw new IllegalArgumentException("train: no device given");
        }
    }

    /** Options on {@code device} with every value left to the model's defaults. */
    public static TrainOptions defaults(Device device, long seed) {
        return new TrainOptions(0, 0, 0, device, seed, null, null);
    }

    /** These options with each unset value taken from {@code defaults}. */
    public TrainOptions resolve(Defaults defaults) {
        return new TrainOptions(epochs > 0 ? epochs : defaults.epochs(), batchSize > 0 ? batchSize : defaults.batchSize(),
                lr > 0 ? lr : defaults.lr(), device, seed, data, text);
    }

    /** A copy with {@code epochs} and {@code batchSize} replaced (tests use it to run a few steps). */
    public TrainOptions withSchedule(int newEpochs, int newBatchSize) {
        return new TrainOptions(newEpochs, newBatchSize, lr, device, seed, data, text);
    }
}
