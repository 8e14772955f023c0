package dev.nabla.io;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Writes a file so that readers see either the old content or the complete new content, never
 * a torn write: the bytes go to a temporary file in the same directory, are forced to disk, and
 * the temporary file is renamed over the target in one atomic step. On any failure (including an
 * interrupt, which closes the channel) the temporary file is deleted and the target is untouched.
 *
 * <p>A process killed mid-write leaves its temporary file ({@code .NAME.<uuid>.tmp}) behind. Each
 * write first deletes the ones of the same target that no writer holds: a writer keeps a lock on its
 * temporary file until the rename, so only abandoned ones can be locked and deleted (on a file system
 * without locks, nothing is deleted).
 */
public final class AtomicFiles {

    private static final Pattern UUID_TMP =
            Pattern.compile("\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

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
        String prefix = "." + absolute.getFileName();
        deleteAbandonedTemporaries(dir, prefix);
        Path temp = dir.resolve(prefix + "." + UUID.randomUUID() + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    FileLock lock = lockIfSupported(channel)) {
                writer.write(channel);
                channel.force(true);
                // renamed while still locked, so that no other writer's clean-up can take it for abandoned
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                moved = true;
            }
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
        syncDirectory(dir);
    }

    /** The channel's lock, or null where the file system has none (the write goes on unprotected). */
    private static FileLock lockIfSupported(FileChannel channel) throws ClosedChannelException {
        try {
            return channel.tryLock();
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Deletes {@code prefix.<uuid>.tmp} files in {@code dir} that no writer holds; best effort. */
    private static void deleteAbandonedTemporaries(Path dir, String prefix) {
        DirectoryStream.Filter<Path> ours = p -> {
            String name = p.getFileName().toString();
            return name.startsWith(prefix) && UUID_TMP.matcher(name.substring(prefix.length())).matches();
        };
        try (DirectoryStream<Path> temporaries = Files.newDirectoryStream(dir, ours)) {
            for (Path temp : temporaries) {
                deleteIfAbandoned(temp);
            }
        } catch (IOException | DirectoryIteratorException e) {
            // clean-up is best effort: the write itself does not depend on it
        }
    }

    private static void deleteIfAbandoned(Path temp) {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            if (lock != null) {
                Files.deleteIfExists(temp);
            }
        } catch (OverlappingFileLockException e) {
            // a write in this JVM holds it
        } catch (IOException e) {
            // already gone, or no locks on this file system: leave it
        }
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
