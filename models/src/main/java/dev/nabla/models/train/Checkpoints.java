package dev.nabla.models.train;

import dev.nabla.Generator;
import dev.nabla.io.TrainingCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Saves and restores a {@link Session} as a safetensors {@link TrainingCheckpoint}: the model's
 * weights, every optimizer's state, the global generator's position, the epoch and step, and the
 * zoo name of the model (so that one model's checkpoint is never loaded into another).
 */
public final class Checkpoints {

    private static final String MODEL_KEY = "zoo.model";

    private Checkpoints() {
    }

    /**
     * Writes {@code file} atomically.
     *
     * @param epoch the 1-based epoch to continue with
     * @param step the 0-based step inside it to continue with
     */
    public static void save(Path file, String modelName, Session session, int epoch, int step) {
        try {
            TrainingCheckpoint.capture(session.model(), null, new TrainState(session.optimizers()), Generator.global(), step,
                    epoch, Map.of(MODEL_KEY, modelName)).save(file);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Restores the weights and, when {@code withTrainingState}, the optimizers and the global generator.
     *
     * @return the checkpoint, for its epoch and step
     * @throws IllegalArgumentException when the file is missing, malformed, or belongs to another model
     */
    public static TrainingCheckpoint load(Path file, String modelName, Session session, boolean withTrainingState) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("checkpoint: file not found: " + file);
        }
        TrainingCheckpoint checkpoint;
        try {
            checkpoint = TrainingCheckpoint.load(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint: cannot read " + file + ": " + e.getMessage(), e);
        }
        String saved = checkpoint.metadata().get(MODEL_KEY);
        if (!modelName.equals(saved)) {
            throw new IllegalArgumentException("checkpoint: " + file + " holds model '" + saved + "', not '" + modelName + "'");
        }
        if (withTrainingState) {
            checkpoint.restore(session.model(), null, new TrainState(session.optimizers()));
            Generator restored = checkpoint.generator();
            Generator.manualSeed(restored.seed());
            Generator.global().setOffset(restored.offset());
        } else {
            session.model().loadStateDict(checkpoint.modelState(), true);
        }
        return checkpoint;
    }
}
