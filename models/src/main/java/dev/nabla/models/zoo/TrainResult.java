package dev.nabla.models.zoo;

import java.util.Map;

/**
 * The outcome of a training run.
 *
 * @param metrics final metrics by name (e.g. {@code train_accuracy})
 * @param seconds wall-clock training time
 */
public record TrainResult(Map<String, Double> metrics, double seconds) {
}
