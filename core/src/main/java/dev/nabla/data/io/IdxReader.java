package dev.nabla.data.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads unsigned-byte IDX files such as the MNIST images and labels. Gzip-compressed files are
 * recognised by their content (the gzip signature), whatever their name, and decompressed on the fly.
 */
public final class IdxReader {

    private static final int GZIP_SIGNATURE = 0x1f8b;

    private IdxReader() {
    }

    /**
     * Reads an IDX file of unsigned bytes with any number of dimensions.
     *
     * @param file the file, plain or gzip-compressed
     * @return its dimensions and data
     * @throws IllegalArgumentException when the file is missing, is not an unsigned-byte IDX file,
     *     is truncated, is corrupt gzip (the decompressor's error attached and quoted), or has bytes
     *     after the data
     * @throws UncheckedIOException when reading fails for another reason
     */
    public static IdxArray read(Path file) {
        try (DataInputStream in = new DataInputStream(open(file))) {
            int magic = readHeaderInt(in, file, "magic number");
            int type = magic >>> 8;
            int rank = magic & 0xff;
            if (type != IdxFormat.UNSIGNED_BYTE || rank == 0) {
                throw new IllegalArgumentException(String.format(
                        "readIdx: %s has magic number 0x%08x, expected an unsigned-byte IDX file "
                                + "(0x%08x for labels, 0x%08x for images)",
                        file, magic, IdxFormat.LABELS_MAGIC, IdxFormat.IMAGES_MAGIC));
            }
            int[] dims = new int[rank];
            for (int i = 0; i < rank; i++) {
                dims[i] = readHeaderInt(in, file, "dimension " + i);
                if (dims[i] < 0) {
                    throw new IllegalArgumentException(
                            "readIdx: " + file + " declares dimension " + i + " as " + Integer.toUnsignedString(dims[i]));
                }
            }
            int total = IdxArray.size(file.toString(), dims);
            byte[] data = in.readNBytes((int) total);
            if (data.length < total) {
                throw new IllegalArgumentException("readIdx: " + file + " is truncated: header declares "
                        + total + " data bytes, found " + data.length);
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("readIdx: " + file
                        + " has bytes after the " + total + " data bytes its header declares");
            }
            return new IdxArray(file.toString(), dims, data);
        } catch (EOFException e) {
            throw new IllegalArgumentException("readIdx: " + file + " is truncated (" + e.getMessage() + ")", e);
        } catch (ZipException e) {
            throw new IllegalArgumentException("readIdx: " + file + " starts like gzip but is not valid gzip data ("
                    + e.getMessage() + ")", e);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("readIdx: file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("readIdx: cannot read " + file + ": " + e, e);
        }
    }

    /**
     * Reads an IDX file and checks that its magic number is the expected one.
     *
     * @param file the file, plain or gzip-compressed
     * @param expectedMagic the magic number the file must carry, e.g. {@link IdxFormat#IMAGES_MAGIC}
     * @return its dimensions and data
     * @throws IllegalArgumentException as {@link #read(Path)}, and when the magic number differs
     */
    public static IdxArray read(Path file, int expectedMagic) {
        IdxArray array = read(file);
        int magic = IdxFormat.unsignedByteMagic(array.dims().length);
        if (magic != expectedMagic) {
            throw new IllegalArgumentException(String.format(
                    "readIdx: %s has magic number 0x%08x, expected 0x%08x", file, magic, expectedMagic));
        }
        return array;
    }

    /** Opens the file, unwrapping gzip when the first two bytes are the gzip signature. */
    private static InputStream open(Path file) throws IOException {
        BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int signature = (raw.read() << 8) | raw.read();
        raw.reset();
        return signature == GZIP_SIGNATURE ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)) : raw;
    }

    private static int readHeaderInt(DataInputStream in, Path file, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new IllegalArgumentException(
                    "readIdx: " + file + " is truncated: header ends before its " + what, e);
        }
    }
}
