package dev.nabla.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes IDX files and checks the bytes against the format, and reads them back. */
class IdxWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesTheExactBytesOfTheFormat() throws IOException {
        Path file = dir.resolve("img");
        IdxWriter.write(file, new IdxArray("test", new int[] {2, 2, 3}, new byte[] {
            0, 1, 2, 3, 4, (byte) 255, 10, 20, 30, 40, 50, (byte) 128}));
        assertArrayEquals(IdxReaderTest.TWO_IMAGES, Files.readAllBytes(file));
    }

    @Test
    void gzipNameGivesGzipFile() throws IOException {
        Path file = dir.resolve("lab.gz");
        IdxWriter.writeLabels(file, new int[] {7, 200});
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(0x1f, bytes[0] & 0xff);
        assertEquals(0x8b, bytes[1] & 0xff);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertArrayEquals(IdxReaderTest.TWO_LABELS, in.readAllBytes());
        }
    }

    @Test
    void imagesRoundTripThroughMnistLoader() {
        Random random = new Random(3);
        int n = 5;
        float[] images = new float[n * 28 * 28];
        int[] labels = new int[n];
        for (int i = 0; i < images.length; i++) {
            images[i] = random.nextInt(256) / 255f;
        }
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(10);
        }
        for (String prefix : new String[] {"train", "t10k"}) {
            IdxWriter.writeImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"), images, 28, 28);
            IdxWriter.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte"), labels);
        }
        MnistLoader.Mnist mnist = MnistLoader.load(dir);
        assertArrayEquals(images, mnist.train().images());
        assertArrayEquals(labels, mnist.test().labels());
        assertEquals(28, mnist.test().rows());
        assertEquals(n, mnist.train().count());
    }

    @Test
    void rejectsValuesThatDoNotFitTheFormat() {
        Path file = dir.resolve("x");
        assertThrows(IllegalArgumentException.class, () -> IdxWriter.writeLabels(file, new int[] {256}));
        assertThrows(IllegalArgumentException.class, () -> IdxWriter.writeImages(file, new float[] {1.5f}, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> IdxWriter.writeImages(file, new float[5], 2, 2));
    }
}
