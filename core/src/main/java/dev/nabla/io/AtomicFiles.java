package dev.nabla.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that readers see either the old content or the complete new content, never
 * a torn write: the bytes go to a temporary file in the same directory, are forced to disk, and
 * the temporary file is renamed over the target in one atomic step. On any failure (including an
 * interrupt, which closes the channel) the temporary file is deleted and the target is untouched.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Produces a file's content into an open channel. */
    @FunctionalInterface
    public interface ChannelWriter {
        /** Writes the whole content. */
        void write(FileChannel channel) throws IOException;
    }

    /**
     * Replaces {@code target} atomically with what {@code writer} writes.
     *
     * @throws IOException when writing, syncing or renaming fails; the target is then unchanged
     */
    public static void write(Path target, ChannelWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = dir.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writer.write(channel);
                channel.force(true);
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
        syncDirectory(dir);
    }

    /** Makes the rename durable; directories cannot be opened for sync on every platform, so failure is tolerated. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the file itself is complete and renamed; only durability across a power loss is weaker here
        }
    }
}
