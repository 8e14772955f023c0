package dev.nabla.models.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One finished epoch of a run: a row of {@code metrics.csv}.
 *
 * @param epoch the epoch, from 1
 * @param trainLoss the mean training loss over all the epoch's steps (those before a resume included)
 * @param metrics the held-out metrics after the epoch, by name
 * @param seconds the run's training time when the epoch ended, resumes included
 */
public record EpochRecord(int epoch, double trainLoss, Map<String, Double> metrics, double seconds) {

    /** Copies the metrics. */
    public EpochRecord {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
