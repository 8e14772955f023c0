package dev.nabla.models.train;

import dev.nabla.Generator;
import dev.nabla.io.TrainingCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves and restores a {@link Session} as a safetensors {@link TrainingCheckpoint}: the model's
 * weights, every optimizer's state, the global generator's position, the epoch and step, where the
 * run stands ({@link RunState}: the epoch's loss sum so far, the metrics history, the time spent),
 * the zoo name of the model (so that one model's checkpoint is never loaded into another) and the
 * caller's own entries (the program's options).
 */
public final class Checkpoints {

    private static final String MODEL_KEY = "zoo.model";
    private static final String RUN_KEY = "zoo.run";

    private Checkpoints() {
    }

    /**
     * Writes {@code file} atomically.
     *
     * @param state where the run stands: the epoch and step to continue with, and its progress
     * @param extra further metadata entries (keys other than {@code zoo.model} and {@code zoo.run})
     */
    public static void save(Path file, String modelName, Session session, RunState state, Map<String, String> extra) {
        Map<String, String> metadata = new LinkedHashMap<>(extra);
        metadata.put(MODEL_KEY, modelName);
        metadata.put(RUN_KEY, state.progressJson());
        try {
            TrainingCheckpoint.capture(session.model(), null, new TrainState(session.optimizers()), Generator.global(),
                    state.step(), state.epoch(), metadata).save(file);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code file} and checks that it holds {@code modelName}.
     *
     * @throws IllegalArgumentException when the file is missing, malformed, or belongs to another model
     */
    public static TrainingCheckpoint read(Path file, String modelName) {
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
        return checkpoint;
    }

    /**
     * Restores the weights and, when {@code withTrainingState}, the optimizers and the global generator.
     *
     * @throws IllegalArgumentException when the checkpoint does not fit the session's model
     */
    public static void restore(TrainingCheckpoint checkpoint, Session session, boolean withTrainingState) {
        if (withTrainingState) {
            checkpoint.restore(session.model(), null, new TrainState(session.optimizers()));
            Generator restored = checkpoint.generator();
            Generator.manualSeed(restored.seed());
            Generator.global().setOffset(restored.offset());
        } else {
            session.model().loadStateDict(checkpoint.modelState(), true);
        }
    }

    /**
     * Where the run saved in {@code checkpoint} stands.
     *
     * @throws IllegalArgumentException when the checkpoint does not say (it can be evaluated, not resumed)
     */
    public static RunState runState(TrainingCheckpoint checkpoint, Path file) {
        String progress = checkpoint.metadata().get(RUN_KEY);
        if (progress == null) {
            throw new IllegalArgumentException("checkpoint: " + file + " has no run history ('" + RUN_KEY
                    + "'), so it cannot be resumed; it can still be evaluated");
        }
        long epoch = checkpoint.epoch();
        long step = checkpoint.step();
        if (epoch < 1 || epoch > Integer.MAX_VALUE || step < 0 || step > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("checkpoint: " + file + " says epoch " + epoch + " step " + step
                    + "; expected an epoch from 1 and a step from 0");
        }
        return RunState.of((int) epoch, (int) step, progress);
    }
}
