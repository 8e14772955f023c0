package dev.nabla.data.io;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes unsigned-byte IDX files (the MNIST format); a name ending in {@code .gz} gets a
 * gzip-compressed file.
 */
public final class IdxWriter {

    private IdxWriter() {
    }

    /**
     * Writes an array as an IDX file.
     *
     * @param file the destination; gzip-compressed when its name ends in {@code .gz}
     * @param array the dimensions and data to write
     * @throws UncheckedIOException when writing fails
     */
    public static void write(Path file, IdxArray array) {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             DataOutputStream out = new DataOutputStream(gzip ? new GZIPOutputStream(raw, 1 << 16) : raw)) {
            out.writeInt(IdxFormat.unsignedByteMagic(array.dims().length));
            for (int d : array.dims()) {
                out.writeInt(d);
            }
            out.write(array.data());
        } catch (IOException e) {
            throw new UncheckedIOException("writeIdx: cannot write " + file, e);
        }
    }

    /**
     * Writes grayscale images in [0, 1] as an IDX image file (values scaled to 0..255 and rounded).
     *
     * @param file the destination; gzip-compressed when its name ends in {@code .gz}
     * @param images {@code count × rows × cols} values in [0, 1], row-major
     * @param rows image height
     * @param cols image width
     * @throws IllegalArgumentException when the array length is not a multiple of {@code rows × cols}
     *     or a value lies outside [0, 1]
     */
    public static void writeImages(Path file, float[] images, int rows, int cols) {
        int pixels = rows * cols;
        if (pixels <= 0 || images.length % pixels != 0) {
            throw new IllegalArgumentException("writeImages: " + images.length
                    + " values are not a whole number of " + rows + "x" + cols + " images");
        }
        byte[] data = new byte[images.length];
        for (int i = 0; i < images.length; i++) {
            float v = images[i];
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException(
                        "writeImages: value " + v + " at index " + i + " is outside [0, 1]");
            }
            data[i] = (byte) Math.round(v * 255f);
        }
        write(file, new IdxArray(file.toString(), new int[] {images.length / pixels, rows, cols}, data));
    }

    /**
     * Writes class labels as an IDX label file.
     *
     * @param file the destination; gzip-compressed when its name ends in {@code .gz}
     * @param labels labels in 0..255
     * @throws IllegalArgumentException when a label does not fit in an unsigned byte
     */
    public static void writeLabels(Path file, int[] labels) {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) {
                throw new IllegalArgumentException(
                        "writeLabels: label " + labels[i] + " at index " + i + " does not fit in an unsigned byte");
            }
            data[i] = (byte) labels[i];
        }
        write(file, new IdxArray(file.toString(), new int[] {labels.length}, data));
    }
}
