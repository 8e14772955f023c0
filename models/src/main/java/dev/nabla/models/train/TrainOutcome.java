package dev.nabla.models.train;

import java.util.Map;

/**
 * The result of a {@link TrainingLoop} run.
 *
 * @param metrics the last evaluation's metrics by name
 * @param seconds wall-clock time of the run
 * @param stopped whether a stop request ended the run before its last epoch
 */
public record TrainOutcome(Map<String, Double> metrics, double seconds, boolean stopped) {
}
