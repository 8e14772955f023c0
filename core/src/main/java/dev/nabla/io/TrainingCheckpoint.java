package dev.nabla.io;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.Stateful;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything needed to resume training, in one safetensors file: the model's state dict (tensors
 * {@code model/<name>}), the optimizer's state (tensors {@code optimizer/<key>}, numbers in the
 * metadata), the schedule's state, the random generator's seed and offset, the step and epoch,
 * and free-form string metadata (stored as plain {@code __metadata__} entries, so other tools see
 * them). Restoring all of it into freshly built objects continues training bit for bit on CPU.
 */
public final class TrainingCheckpoint {

    private static final String MODEL = "model/";
    private static final String OPTIMIZER = "optimizer/";
    private static final String SCHEDULER = "scheduler/";
    private static final String RESERVED = "nabla.";
    private static final String FORMAT = "nabla.format";
    private static final String FORMAT_VERSION = "training-checkpoint/1";

    private final Map<String, Tensor> tensors;
    private final Map<String, String> metadata;

    private TrainingCheckpoint(Map<String, Tensor> tensors, Map<String, String> metadata) {
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /**
     * Captures the current training state (tensors by reference: save before training continues).
     *
     * @param optimizer may be null
     * @param scheduler an {@code LrScheduler} or {@code ReduceLrOnPlateau}; may be null
     * @param generator the generator driving shuffles and sampling; may be null
     * @param userMetadata free-form strings; keys must not start with {@code "nabla."}
     */
    public static TrainingCheckpoint capture(Module model, Optimizer optimizer, Stateful scheduler, Generator generator,
            long step, long epoch, Map<String, String> userMetadata) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        userMetadata.forEach((k, v) -> {
            if (k.startsWith(RESERVED) || k.equals("__metadata__")) {
                throw new IllegalArgumentException("TrainingCheckpoint.capture: metadata key '" + k + "' is reserved");
            }
            meta.put(k, v);
        });
        meta.put(FORMAT, FORMAT_VERSION);
        meta.put("nabla.step", Long.toString(step));
        meta.put("nabla.epoch", Long.toString(epoch));
        model.stateDict().forEach((k, v) -> tensors.put(MODEL + k, v));
        if (optimizer != null) {
            meta.put("nabla.optimizer", StateCodec.encode(OPTIMIZER, optimizer.stateDict(), tensors));
        }
        if (scheduler != null) {
            meta.put("nabla.scheduler", StateCodec.encode(SCHEDULER, scheduler.stateDict(), tensors));
        }
        if (generator != null) {
            meta.put("nabla.generator", "{\"seed\":" + generator.seed() + ",\"offset\":" + generator.offset() + "}");
        }
        return new TrainingCheckpoint(tensors, meta);
    }

    /** Writes the checkpoint atomically (the previous file survives a failed or interrupted save). */
    public void save(Path file) throws IOException {
        SafeTensors.write(file, tensors, metadata);
    }

    /**
     * Reads a checkpoint written by {@link #save}.
     *
     * @throws IllegalArgumentException when the file is not a Nabla training checkpoint
     */
    public static TrainingCheckpoint load(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        if (!FORMAT_VERSION.equals(c.metadata().get(FORMAT))) {
            throw new IllegalArgumentException("TrainingCheckpoint.load: " + file + " is not a training checkpoint ("
                    + FORMAT + " = " + c.metadata().get(FORMAT) + ", expected " + FORMAT_VERSION + ")");
        }
        return new TrainingCheckpoint(c.tensors(), c.metadata());
    }

    /**
     * Loads the saved state into {@code model} (strictly), {@code optimizer} and {@code scheduler};
     * pass null to skip the optimizer or scheduler.
     *
     * @throws IllegalArgumentException when a part to restore was not saved or does not match
     */
    public void restore(Module model, Optimizer optimizer, Stateful scheduler) {
        model.loadStateDict(modelState(), true);
        if (optimizer != null) {
            optimizer.loadStateDict(StateCodec.decode(OPTIMIZER, required("nabla.optimizer"), tensors));
        }
        if (scheduler != null) {
            scheduler.loadStateDict(StateCodec.decode(SCHEDULER, required("nabla.scheduler"), tensors));
        }
    }

    /** The model's saved state dict. */
    public Map<String, Tensor> modelState() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            if (k.startsWith(MODEL)) {
                out.put(k.substring(MODEL.length()), v);
            }
        });
        return out;
    }

    /** A generator at the saved seed and offset, drawing exactly what the saved one would have drawn next. */
    public Generator generator() {
        Map<String, Object> state = StateCodec.numbers(required("nabla.generator"));
        if (!(state.get("seed") instanceof Long seed) || !(state.get("offset") instanceof Long offset)) {
            throw new IllegalArgumentException("TrainingCheckpoint: the generator entry needs integer seed and offset, got "
                    + required("nabla.generator"));
        }
        Generator g = new Generator(seed);
        g.setOffset(offset);
        return g;
    }

    /** The saved step. */
    public long step() {
        return Long.parseLong(required("nabla.step"));
    }

    /** The saved epoch. */
    public long epoch() {
        return Long.parseLong(required("nabla.epoch"));
    }

    /** The free-form metadata (without Nabla's own entries). */
    public Map<String, String> metadata() {
        Map<String, String> out = new LinkedHashMap<>(metadata);
        out.keySet().removeIf(k -> k.startsWith(RESERVED));
        return out;
    }

    private String required(String key) {
        String v = metadata.get(key);
        if (v == null) {
            throw new IllegalArgumentException("TrainingCheckpoint: the checkpoint has no '" + key + "' entry");
        }
        return v;
    }
}
