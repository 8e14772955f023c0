package dev.nabla.models.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks an output folder before a run writes anything, so a bad {@code --out} fails fast and cleanly,
 * and a folder never mixes two runs: a new run refuses a folder that holds one unless told to
 * replace it, and then removes the old run's files first.
 */
public final class RunFolder {

    /** The files a run writes into its folder. */
    static final List<String> RUN_FILES = List.of(TrainingLoop.CHECKPOINT, TrainingLoop.METRICS, TrainingLoop.LOSS_PLOT,
            TrainingLoop.SAMPLES);

    private RunFolder() {
    }

    /**
     * Checks, without creating anything, that {@code dir} is or can become a writable folder.
     *
     * @throws IllegalArgumentException naming the folder when it is a file or its nearest existing
     *     ancestor is not a writable folder
     */
    public static void check(Path dir) {
        Path abs = dir.toAbsolutePath();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new IllegalArgumentException("--out " + dir + " is a file, not a folder");
        }
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new IllegalArgumentException("--out " + dir + " is not writable (" + existing
                    + " is not a writable folder)");
        }
    }

    /**
     * Checks {@code dir} for a new run (as {@link #check}) and that it holds no earlier run, unless
     * {@code replace}.
     *
     * @throws IllegalArgumentException naming the run's files found, and the two ways on
     */
    public static void checkForNewRun(Path dir, boolean replace) {
        check(dir);
        List<String> found = runFiles(dir);
        if (!found.isEmpty() && !replace) {
            throw new IllegalArgumentException("--out " + dir + " already holds a run (" + String.join(", ", found)
                    + "); continue it with --resume, or pass --force to replace it");
        }
    }

    /** The names of the run files present in {@code dir}. */
    public static List<String> runFiles(Path dir) {
        return RUN_FILES.stream().filter(name -> Files.exists(dir.resolve(name))).toList();
    }

    /**
     * Creates {@code dir} if needed and proves it writable by creating and deleting a probe file; with
     * {@code replace}, first deletes the files of the run it holds (nothing else).
     *
     * @return {@code dir}
     * @throws IllegalArgumentException naming the folder when it is a file, cannot be created or is not writable
     */
    public static Path prepare(Path dir, boolean replace) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + " is a file, not a folder");
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".nabla-write-check", ".tmp");
            Files.delete(probe);
            if (replace) {
                for (String name : RUN_FILES) {
                    Files.deleteIfExists(dir.resolve(name));
                }
            }
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("--out " + dir + " is not a writable folder (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        return dir;
    }
}
