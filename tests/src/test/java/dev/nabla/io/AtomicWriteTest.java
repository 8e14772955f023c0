package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save that dies half-way leaves the previous checkpoint intact and no temporary file behind. */
class AtomicWriteTest {

    @TempDir
    Path dir;

    private List<Path> filesInDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private Path previousCheckpoint() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, Map.of("w", Tensor.of(new float[] {1, 2, 3}, 3)));
        return file;
    }

    @Test
    void failureInjectedMidWriteKeepsTheOldFile() throws IOException {
        Path file = previousCheckpoint();
        byte[] before = Files.readAllBytes(file);
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, ch -> {
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
            throw new IOException("injected failure: disk full");
        }));
        assertEquals("injected failure: disk full", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), filesInDir());
    }

    @Test
    void interruptedSaveKeepsTheOldFile() throws IOException {
        Path file = previousCheckpoint();
        byte[] before = Files.readAllBytes(file);
        Thread.currentThread().interrupt();
        try {
            assertThrows(ClosedByInterruptException.class,
                    () -> SafeTensors.write(file, Map.of("w", Tensor.of(new float[] {9, 9, 9, 9}, 4))));
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt should still be pending");
        }
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), filesInDir());
        assertArrayEquals(new float[] {1, 2, 3}, SafeTensors.read(file).tensors().get("w").toFloatArray());
    }

    @Test
    void aWriteDeletesTheTemporariesThatKilledWritesOfTheSameTargetLeft() throws IOException {
        Path file = previousCheckpoint();
        Path abandoned = Files.writeString(dir.resolve(".model.safetensors." + UUID.randomUUID() + ".tmp"), "half");
        Path otherTarget = Files.writeString(dir.resolve(".other.safetensors." + UUID.randomUUID() + ".tmp"), "half");
        Path notOurs = Files.writeString(dir.resolve(".model.safetensors.backup.tmp"), "user file");
        Path inFlight = dir.resolve(".model.safetensors." + UUID.randomUUID() + ".tmp");
        try (FileChannel writing = FileChannel.open(inFlight, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                FileLock lock = writing.lock()) {
            SafeTensors.write(file, Map.of("w", Tensor.of(new float[] {4, 5}, 2)));
            assertTrue(Files.exists(inFlight), "a write in progress (its temporary is locked) is left alone");
        }
        assertFalse(Files.exists(abandoned), "the killed write's temporary is gone");
        assertTrue(Files.exists(otherTarget) && Files.exists(notOurs), "other targets' and other names are kept");
        assertArrayEquals(new float[] {4, 5}, SafeTensors.read(file).tensors().get("w").toFloatArray());
    }

    @Test
    void successfulSaveReplacesTheFile() throws IOException {
        Path file = previousCheckpoint();
        SafeTensors.write(file, Map.of("w", Tensor.of(new float[] {4, 5}, 2)));
        assertArrayEquals(new float[] {4, 5}, SafeTensors.read(file).tensors().get("w").toFloatArray());
        assertEquals(List.of(file), filesInDir());
    }
}
