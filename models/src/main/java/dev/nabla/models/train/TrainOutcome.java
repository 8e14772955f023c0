package dev.nabla.models.train;

import java.util.Map;

/**
 * The result of a {@link TrainingLoop} run.
 *
 * @param metrics the held-out metrics of the last finished epoch by name (empty when none finished)
 * @param metricsEpoch the epoch those metrics were measured after (0 when none finished)
 * @param seconds the run's training time, resumes included
 * @param stopped whether a stop request ended the run before its last epoch; a stop skips the
 *     held-out evaluation, so the metrics are those of the last finished epoch
 */
public record TrainOutcome(Map<String, Double> metrics, int metricsEpoch, double seconds, boolean stopped) {
}
