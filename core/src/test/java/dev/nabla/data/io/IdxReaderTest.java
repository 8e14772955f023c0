package dev.nabla.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads IDX files assembled byte by byte from the format description. */
class IdxReaderTest {

    @TempDir
    Path dir;

    /** Two 2×3 images: magic 00 00 08 03, dims 2, 2, 3, then 12 pixel bytes. */
    static final byte[] TWO_IMAGES = {
        0, 0, 8, 3,
        0, 0, 0, 2,
        0, 0, 0, 2,
        0, 0, 0, 3,
        0, 1, 2, 3, 4, (byte) 255,
        10, 20, 30, 40, 50, (byte) 128,
    };

    /** Two labels: magic 00 00 08 01, dim 2, then labels 7 and 200. */
    static final byte[] TWO_LABELS = {0, 0, 8, 1, 0, 0, 0, 2, 7, (byte) 200};

    @Test
    void readsImagesWithBigEndianDimsAndUnsignedBytes() throws IOException {
        Path file = write("img", TWO_IMAGES);
        IdxArray array = IdxReader.read(file, IdxFormat.IMAGES_MAGIC);
        assertArrayEquals(new int[] {2, 2, 3}, array.dims());
        assertEquals(2, array.count());
        assertEquals(6, array.itemSize());
        assertEquals(255, array.unsigned(5));
        assertEquals(128, array.unsigned(11));
        assertEquals(40, array.unsigned(9));
    }

    @Test
    void readsLabels() throws IOException {
        IdxArray array = IdxReader.read(write("lab", TWO_LABELS), IdxFormat.LABELS_MAGIC);
        assertArrayEquals(new int[] {2}, array.dims());
        assertEquals(7, array.unsigned(0));
        assertEquals(200, array.unsigned(1));
    }

    @Test
    void largeDimensionUsesAllFourBigEndianBytes() throws IOException {
        // 0x00000102 = 258 labels; a little-endian reader would see 0x02010000.
        byte[] bytes = new byte[8 + 258];
        bytes[3] = 1;
        bytes[2] = 8;
        bytes[6] = 1;
        bytes[7] = 2;
        assertEquals(258, IdxReader.read(write("big", bytes)).count());
    }

    @Test
    void readsGzipTransparentlyWhateverTheName() throws IOException {
        Path named = write("lab.gz", gzip(TWO_LABELS));
        Path unnamed = write("lab-compressed", gzip(TWO_LABELS));
        assertArrayEquals(IdxReader.read(named).data(), new byte[] {7, (byte) 200});
        assertArrayEquals(IdxReader.read(unnamed).data(), new byte[] {7, (byte) 200});
    }

    @Test
    void wrongMagicNamesFileAndValues() throws IOException {
        Path file = write("lab", TWO_LABELS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxReader.read(file, IdxFormat.IMAGES_MAGIC));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("0x00000801") && e.getMessage().contains("0x00000803"), e.getMessage());

        byte[] floats = TWO_LABELS.clone();
        floats[2] = 0x0D; // float32 element type
        Path floatFile = write("float", floats);
        e = assertThrows(IllegalArgumentException.class, () -> IdxReader.read(floatFile));
        assertTrue(e.getMessage().contains("0x00000d01"), e.getMessage());
    }

    @Test
    void truncatedDataIsReported() throws IOException {
        Path file = write("short", Arrays.copyOf(TWO_IMAGES, TWO_IMAGES.length - 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("declares 12") && e.getMessage().contains("found 10"), e.getMessage());
    }

    @Test
    void truncatedHeaderAndTruncatedGzipAreReported() throws IOException {
        Path header = write("header", Arrays.copyOf(TWO_IMAGES, 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.read(header));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("dimension 1"), e.getMessage());

        byte[] compressed = gzip(TWO_IMAGES);
        Path cut = write("cut.gz", Arrays.copyOf(compressed, compressed.length - 12));
        e = assertThrows(IllegalArgumentException.class, () -> IdxReader.read(cut));
        assertTrue(e.getMessage().contains(cut.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void corruptGzipIsReportedWithTheDecompressorsErrorAttached() throws IOException {
        byte[] compressed = gzip(TWO_IMAGES);
        compressed[12] ^= (byte) 0xff; // inside the deflate stream, past the 10-byte gzip header
        compressed[13] ^= (byte) 0xff;
        Path bad = write("bad.gz", compressed);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.read(bad));
        assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("not valid gzip data ("),
                e.getMessage());
        assertInstanceOf(ZipException.class, e.getCause());
        assertTrue(e.getMessage().contains(e.getCause().getMessage()), e.getMessage());
    }

    @Test
    void dimensionsWhoseProductWrapsAreRefused() throws IOException {
        // 0 × 65536 × 65536 items: no data, but the product of the non-zero dimensions is 2^32
        byte[] header = {0, 0, 8, 3, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0};
        Path file = write("empty-but-huge", header);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.read(file));
        assertTrue(e.getMessage().contains("[0, 65536, 65536]"), e.getMessage());
    }

    @Test
    void trailingBytesAreReported() throws IOException {
        Path file = write("long", Arrays.copyOf(TWO_LABELS, TWO_LABELS.length + 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.read(file));
        assertTrue(e.getMessage().contains("after the 2 data bytes"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("nothing-here");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.read(file));
        assertTrue(e.getMessage().contains("not found") && e.getMessage().contains(file.toString()), e.getMessage());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(buffer)) {
            out.write(bytes);
        }
        return buffer.toByteArray();
    }
}
