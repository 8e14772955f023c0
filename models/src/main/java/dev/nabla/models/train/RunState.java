package dev.nabla.models.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * Where a run stands: saved in every checkpoint, so that a resumed run continues the epoch's loss
 * average, the metrics history and the clock exactly as an uninterrupted run would have.
 *
 * @param epoch the epoch to continue with, from 1
 * @param step the step inside it to continue with, from 0
 * @param lossSum the sum of the training losses of the epoch's steps before {@code step}
 * @param seconds the training time spent before this point
 * @param history one record per finished epoch, in order
 */
public record RunState(int epoch, int step, double lossSum, double seconds, List<EpochRecord> history) {

    /** The state of a run that has not started. */
    public static final RunState START = new RunState(1, 0, 0, 0, List.of());

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the history. */
    public RunState {
        history = List.copyOf(history);
    }

    /** The part a checkpoint's own epoch and step fields do not hold, as JSON (doubles survive bit for bit). */
    String progressJson() {
        try {
            return JSON.writeValueAsString(new Progress(lossSum, seconds, history));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("RunState: cannot encode " + this, e);
        }
    }

    /**
     * The state at {@code epoch} and {@code step} with the rest read from {@link #progressJson()}.
     *
     * @throws IllegalArgumentException when the JSON is not a run's progress
     */
    static RunState of(int epoch, int step, String progressJson) {
        try {
            Progress p = JSON.readValue(progressJson, Progress.class);
            if (p.history() == null) {
                throw new IllegalArgumentException("RunState: no history in " + progressJson);
            }
            return new RunState(epoch, step, p.lossSum(), p.seconds(), p.history());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("RunState: malformed run progress: " + e.getOriginalMessage(), e);
        }
    }

    /** The JSON form of what the epoch and step do not say. */
    private record Progress(double lossSum, double seconds, List<EpochRecord> history) {
    }
}
