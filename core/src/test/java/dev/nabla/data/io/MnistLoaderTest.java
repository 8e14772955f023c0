package dev.nabla.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads a tiny MNIST-format directory written byte by byte. */
class MnistLoaderTest {

    @TempDir
    Path dir;

    @Test
    void loadsPlainAndGzipFilesAndScalesPixels() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxReaderTest.TWO_IMAGES);
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), IdxReaderTest.gzip(IdxReaderTest.TWO_LABELS));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), IdxReaderTest.gzip(IdxReaderTest.TWO_IMAGES));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxReaderTest.TWO_LABELS);

        MnistLoader.Mnist mnist = MnistLoader.load(dir);
        for (MnistSplit split : new MnistSplit[] {mnist.train(), mnist.test()}) {
            assertEquals(2, split.count());
            assertEquals(2, split.rows());
            assertEquals(3, split.cols());
            assertArrayEquals(new int[] {7, 200}, split.labels());
            assertEquals(12, split.images().length);
            assertEquals(0f, split.images()[0]);
            assertEquals(1f, split.images()[5]);
            assertEquals(128 / 255f, split.images()[11], 1e-7f);
        }
    }

    @Test
    void missingFileListsBothNamesTried() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxReaderTest.TWO_IMAGES);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MnistLoader.load(dir));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte.gz"), e.getMessage());
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxReaderTest.TWO_IMAGES);
        Files.write(dir.resolve("train-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MnistLoader.loadSplit(dir, "train"));
        assertTrue(e.getMessage().contains("2 images") && e.getMessage().contains("3 labels"), e.getMessage());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte")
                && e.getMessage().contains("train-labels-idx1-ubyte"), e.getMessage());
    }

    @Test
    void swappedFilesFailOnMagicNumber() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxReaderTest.TWO_LABELS);
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxReaderTest.TWO_IMAGES);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MnistLoader.loadSplit(dir, "train"));
        assertTrue(e.getMessage().contains("magic number 0x00000801"), e.getMessage());
    }
}
