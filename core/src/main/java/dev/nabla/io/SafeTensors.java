package dev.nabla.io;

import dev.nabla.Shape;
import dev.nabla.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors format used by PyTorch and Hugging Face: an 8-byte
 * little-endian header length, a JSON header
 * {@code {name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {str: str}}}
 * padded with spaces to a multiple of 8 bytes, then the raw little-endian tensor data. Writes
 * F32, F64 and I64; reads those plus F16/BF16 (widened to FLOAT32) and smaller integer types and
 * BOOL (as INT64). Writes are atomic ({@link AtomicFiles}).
 *
 * <h2>What {@link #read} guarantees</h2>
 * A checkpoint is a file people download from strangers, so the reader is as strict as the
 * reference implementation ({@code Metadata::validate} in the Rust {@code safetensors} crate) and
 * either returns exactly what the file says or throws an {@link IllegalArgumentException} that
 * names the file and the problem; it never returns two tensors made from the same bytes. A file is
 * accepted only when:
 * <ul>
 * <li>the header length is at most 100,000,000 bytes (the reference's cap) and fits in the file;</li>
 * <li>the header is strict UTF-8 without a byte-order mark, holds one JSON object and after it only
 *     JSON whitespace (the padding), and no key appears twice at any level;</li>
 * <li>{@code __metadata__}, when present, is an object whose values are all strings;</li>
 * <li>every other member has exactly {@code dtype} (a supported name), {@code shape} (non-negative
 *     JSON integers that fit a long: no fractions, strings or exponents) and {@code data_offsets}
 *     (two such integers);</li>
 * <li>sorted by offsets, the tensors tile the data section exactly: each starts where the previous
 *     one ended, none ends before it starts, each covers exactly {@code numel × dtype size} bytes
 *     (computed exactly, an overflow is an error), and the last one ends at the end of the file.</li>
 * </ul>
 * Beyond the format, a Nabla tensor has {@code int} extents and at most 2^31-9 elements, and a
 * header at most {@value SafeTensorsHeader#MAX_TENSORS} tensors of rank at most
 * {@value SafeTensorsHeader#MAX_RANK} and {@value SafeTensorsHeader#MAX_METADATA} metadata entries;
 * larger files are refused with a message naming the limit. Memory is bounded: the header is
 * parsed as a token stream (no tree), nothing is allocated for tensor data before the whole layout
 * has been checked against the file's size, and the data then streams through a buffer of at most
 * 1 MiB into the tensors' arrays, so a tensor of more than 2 GiB reads (and writes) in chunks.
 * An {@link IOException} means only that the file system failed.
 */
public final class SafeTensors {

    /** Bytes moved per read or write call: a multiple of every element size. */
    static final int CHUNK_BYTES = 1 << 20;
    /** The most elements one Nabla tensor holds: the largest Java array the JVMs allocate. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private SafeTensors() {
    }

    /**
     * The content of a safetensors file.
     *
     * @param tensors the tensors by name, in header order
     * @param metadata the {@code __metadata__} strings (empty when absent)
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    /** Writes {@code tensors} with no metadata. */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /**
     * Writes {@code tensors} and {@code metadata} atomically to {@code file}, in map order. Tensors
     * of any byte size are written in chunks.
     *
     * @throws IllegalArgumentException for an empty or null name, the reserved name {@code __metadata__},
     *     text that is not valid Unicode, or a file that {@link #read} would refuse for its limits
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        write(file, tensors, metadata, CHUNK_BYTES);
    }

    static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata, int chunkBytes)
            throws IOException {
        checkLimit(tensors.size(), SafeTensorsHeader.MAX_TENSORS, "tensors");
        checkLimit(metadata.size(), SafeTensorsHeader.MAX_METADATA, "metadata entries");
        metadata.forEach((k, v) -> {
            if (k == null || v == null || !SafeTensorsHeader.isValidUnicode(k) || !SafeTensorsHeader.isValidUnicode(v)) {
                throw new IllegalArgumentException("SafeTensors.write: metadata entry '" + k + "' = '" + v
                        + "' must be two non-null strings of valid Unicode");
            }
        });
        List<SafeTensorsHeader.Entry> entries = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.equals(SafeTensorsHeader.METADATA)
                    || !SafeTensorsHeader.isValidUnicode(name) || e.getValue() == null) {
                throw new IllegalArgumentException("SafeTensors.write: invalid tensor name '" + name + "' (or no tensor)");
            }
            Tensor t = e.getValue();
            checkLimit(t.rank(), SafeTensorsHeader.MAX_RANK, "dimensions in tensor '" + name + "'");
            SafeTensorsDType dtype = SafeTensorsDType.of(t.dtype());
            long bytes = (long) t.numel() * dtype.bytes();
            long[] shape = Arrays.stream(t.shape().toArray()).asLongStream().toArray();
            entries.add(new SafeTensorsHeader.Entry(name, dtype, shape, offset, offset + bytes));
            offset += bytes; // at most MAX_TENSORS tensors of at most 2^34 bytes each: far below 2^63
        }
        byte[] header = SafeTensorsHeader.write(entries, metadata);
        if (header.length > SafeTensorsHeader.MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("SafeTensors.write: the header would take " + header.length
                    + " bytes, over the cap of " + SafeTensorsHeader.MAX_HEADER_BYTES + " that readers accept");
        }
        AtomicFiles.write(file, channel -> {
            ByteBuffer head = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
            writeFully(channel, head.putLong(header.length).put(header).flip());
            ByteBuffer chunk = ByteBuffer.allocate(chunkBytes).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : tensors.values()) {
                // one chunk of elements is copied to the host at a time, so a save never doubles a tensor in memory
                Tensor flat = t.reshape(-1);
                int perChunk = chunkBytes / SafeTensorsDType.of(t.dtype()).bytes();
                for (int start = 0; start < t.numel(); start += perChunk) {
                    int count = Math.min(perChunk, t.numel() - start);
                    chunk.clear();
                    SafeTensorsDType.encode(SafeTensorsDType.hostArray(flat.narrow(0, start, count)), chunk);
                    writeFully(channel, chunk.flip());
                }
            }
        });
    }

    private static void checkLimit(int count, int max, String what) {
        if (count > max) {
            throw new IllegalArgumentException("SafeTensors.write: " + count + " " + what + ", more than the " + max
                    + " that SafeTensors.read accepts");
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    /**
     * Reads a safetensors file, checking it as the class comment describes.
     *
     * @throws IllegalArgumentException naming the file and the problem, for any file that is not a
     *     valid safetensors file or that exceeds this reader's limits
     * @throws IOException when the file cannot be opened or read
     */
    public static Contents read(Path file) throws IOException {
        return read(file, CHUNK_BYTES);
    }

    static Contents read(Path file, int chunkBytes) throws IOException {
        String source = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long headerLength = headerLength(channel, size, source);
            SafeTensorsHeader.Parsed header = SafeTensorsHeader.parse(
                    readAt(channel, 8, ByteBuffer.allocate((int) headerLength), source).array(), source);
            long dataStart = 8 + headerLength;
            long covered = SafeTensorsHeader.dataLength(header.entries(), source);
            if (covered != size - dataStart) {
                throw SafeTensorsHeader.error(source, "the tensors' data_offsets cover " + covered + " data bytes but the "
                        + "file holds " + (size - dataStart) + " after the header (" + (covered < size - dataStart
                                ? "bytes after the last tensor" : "the file is truncated") + ")");
            }
            return new Contents(readTensors(channel, header.entries(), dataStart, chunkBytes, source), header.metadata());
        }
    }

    /** The declared header length, checked against the cap and the file's size. */
    private static long headerLength(FileChannel channel, long size, String source) throws IOException {
        if (size < 8) {
            throw SafeTensorsHeader.error(source, "the file has " + size + " bytes, fewer than the 8 of the header length");
        }
        long headerLength = readAt(channel, 0, ByteBuffer.allocate(8), source).getLong(0);
        if (headerLength < 0 || headerLength > SafeTensorsHeader.MAX_HEADER_BYTES) {
            throw SafeTensorsHeader.error(source, "the file declares a header of " + Long.toUnsignedString(headerLength)
                    + " bytes, over the cap of " + SafeTensorsHeader.MAX_HEADER_BYTES + " bytes");
        }
        if (headerLength > size - 8) {
            throw SafeTensorsHeader.error(source, "the file declares a header of " + headerLength + " bytes but only "
                    + (size - 8) + " follow the length");
        }
        return headerLength;
    }

    /** The tensors of checked entries, by name in header order, their data read in file order. */
    private static Map<String, Tensor> readTensors(FileChannel channel, List<SafeTensorsHeader.Entry> entries,
            long dataStart, int chunkBytes, String source) throws IOException {
        int[][] shapes = new int[entries.size()][];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = nablaShape(entries.get(i), source); // every limit checked before any data is allocated
        }
        Integer[] fileOrder = new Integer[entries.size()];
        Arrays.setAll(fileOrder, i -> i);
        Arrays.sort(fileOrder, Comparator.comparingLong(i -> entries.get(i).begin()));
        long largest = entries.stream().mapToLong(e -> e.end() - e.begin()).max().orElse(0);
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(chunkBytes, largest));
        Tensor[] loaded = new Tensor[entries.size()];
        for (int i : fileOrder) {
            loaded[i] = readTensor(channel, entries.get(i), shapes[i], dataStart, chunk, source);
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < loaded.length; i++) {
            tensors.put(entries.get(i).name(), loaded[i]);
        }
        return tensors;
    }

    /** The shape as Nabla's {@code int} extents, or an error naming the tensor and the limit it passes. */
    private static int[] nablaShape(SafeTensorsHeader.Entry e, String source) {
        int[] dims = new int[e.shape().length];
        for (int i = 0; i < dims.length; i++) {
            if (e.shape()[i] > Integer.MAX_VALUE) {
                throw SafeTensorsHeader.error(source, "tensor '" + e.name() + "' has dimension " + e.shape()[i]
                        + ", more than the 2^31-1 a Nabla tensor holds");
            }
            dims[i] = (int) e.shape()[i];
        }
        try {
            if (Shape.numel(dims) <= MAX_ELEMENTS) {
                return dims;
            }
        } catch (IllegalArgumentException tooLarge) {
            // reported below
        }
        throw SafeTensorsHeader.error(source, "tensor '" + e.name() + "' of shape " + Arrays.toString(dims)
                + " is larger than one Nabla tensor can be (" + MAX_ELEMENTS + " elements, int strides)");
    }

    /**
     * Streams one tensor's bytes, whose bounds the layout check has proved to lie in the file,
     * through {@code chunk} (a multiple of every element size, or the largest tensor's size) into its array.
     */
    private static Tensor readTensor(FileChannel channel, SafeTensorsHeader.Entry e, int[] shape, long dataStart,
            ByteBuffer chunk, String source) throws IOException {
        int n = Shape.numel(shape);
        Object array = e.dtype().newArray(n);
        int perChunk = chunk.capacity() / e.dtype().bytes();
        for (int start = 0; start < n; start += perChunk) {
            int count = Math.min(perChunk, n - start);
            chunk.clear().limit(count * e.dtype().bytes());
            readAt(channel, dataStart + e.begin() + (long) start * e.dtype().bytes(), chunk, source);
            e.dtype().decode(chunk, array, start, count);
        }
        return SafeTensorsDType.wrap(array, shape);
    }

    /** Fills {@code buf} (to its limit) from {@code position}, returned flipped and little-endian. */
    private static ByteBuffer readAt(FileChannel channel, long position, ByteBuffer buf, String source)
            throws IOException {
        buf.order(ByteOrder.LITTLE_ENDIAN);
        int start = buf.position();
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + buf.position() - start) < 0) {
                throw SafeTensorsHeader.error(source, "the file ended before byte " + (position + buf.limit() - start)
                        + " (did it change while being read?)");
            }
        }
        return buf.flip();
    }
}
