package dev.nabla.models.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks an output folder before a run writes anything, so a bad {@code --out} fails fast and cleanly. */
public final class RunFolder {

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
     * Creates {@code dir} if needed and proves it writable by creating and deleting a probe file.
     *
     * @return {@code dir}
     * @throws IllegalArgumentException naming the folder when it is a file, cannot be created or is not writable
     */
    public static Path prepare(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + " is a file, not a folder");
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".nabla-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("--out " + dir + " is not a writable folder (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        return dir;
    }
}
