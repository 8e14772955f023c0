package dev.nabla.spark;

import dev.nabla.Device;
import dev.nabla.distributed.Communicator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a worker knows inside the barrier stage: its rank, the connected communicator, the device to
 * train on, the stage attempt, and where checkpoints live (a folder every executor can read, such as
 * a shared file system).
 */
public final class WorkerContext {

    /** The checkpoint file's name inside the checkpoint folder. */
    public static final String CHECKPOINT = "checkpoint.safetensors";

    private final Communicator communicator;
    private final Device device;
    private final int attempt;
    private final Path checkpointDir;
    private final boolean resume;

    WorkerContext(Communicator communicator, Device device, int attempt, Path checkpointDir, boolean resume) {
        this.communicator = communicator;
        this.device = device;
        this.attempt = attempt;
        this.checkpointDir = checkpointDir;
        this.resume = resume;
    }

    /** This worker's rank, {@code 0 .. size() - 1} (its partition index). */
    public int rank() {
        return communicator.rank();
    }

    /** The number of workers. */
    public int size() {
        return communicator.size();
    }

    /** The ring joining the workers. */
    public Communicator communicator() {
        return communicator;
    }

    /** The device to train on: the GPU Spark assigned to this task ({@code cuda:N}), else the trainer's device. */
    public Device device() {
        return device;
    }

    /** The stage attempt: 0 first, higher after Spark retried the stage because a task failed. */
    public int attempt() {
        return attempt;
    }

    /** Whether this worker writes checkpoints and metrics: rank 0 alone. */
    public boolean writes() {
        return rank() == 0;
    }

    /** Where rank 0 writes checkpoints, or empty when the trainer has no checkpoint folder. */
    public Optional<Path> checkpointFile() {
        return Optional.ofNullable(checkpointDir).map(d -> d.resolve(CHECKPOINT));
    }

    /**
     * The checkpoint to resume from: the one in the checkpoint folder when this is a retried attempt,
     * or when the trainer was asked to resume; empty otherwise (and before the first checkpoint).
     */
    public Optional<Path> checkpoint() {
        return checkpointFile().filter(f -> (attempt > 0 || resume) && Files.isRegularFile(f));
    }
}
