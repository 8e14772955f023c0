package dev.nabla.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nabla.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the safetensors format used by PyTorch and Hugging Face: an 8-byte
 * little-endian header length, a JSON header
 * {@code {name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {str: str}}}
 * padded with spaces to a multiple of 8 bytes, then the raw little-endian tensor data. Writes
 * F32, F64 and I64; reads those plus F16/BF16 (widened to FLOAT32) and smaller integer types and
 * BOOL (as INT64). Writes are atomic ({@link AtomicFiles}).
 */
public final class SafeTensors {

    private static final String METADATA = "__metadata__";
    /** Headers beyond this size are refused as corrupt (the Rust reader uses the same bound). */
    private static final long MAX_HEADER_BYTES = 100_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafeTensors() {
    }

    /**
     * The content of a safetensors file.
     *
     * @param tensors the tensors by name, in file order
     * @param metadata the {@code __metadata__} strings (empty when absent)
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    /** Writes {@code tensors} with no metadata. */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /**
     * Writes {@code tensors} and {@code metadata} atomically to {@code file}.
     *
     * @throws IllegalArgumentException for an empty name or the reserved name {@code __metadata__}
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().equals(METADATA)) {
                throw new IllegalArgumentException("SafeTensors.write: invalid tensor name '" + e.getKey() + "'");
            }
            Tensor t = e.getValue();
            long bytes = (long) t.numel() * t.dtype().byteSize();
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", SafeTensorsDType.of(t.dtype()).name());
            ArrayNode shape = entry.putArray("shape");
            for (int d : t.shape().toArray()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        AtomicFiles.write(file, channel -> {
            writeFully(channel, head.flip());
            for (Tensor t : tensors.values()) {
                ByteBuffer data = ByteBuffer.allocate(t.numel() * t.dtype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
                SafeTensorsDType.encode(t, data);
                writeFully(channel, data);
            }
        });
    }

    private static void writeFully(FileChannel channel, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    /**
     * Reads a safetensors file.
     *
     * @throws IllegalArgumentException for a malformed header, offsets outside the data or an unsupported dtype
     */
    public static Contents read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer lengthBuf = readAt(channel, 0, 8, file);
            long headerLength = lengthBuf.getLong(0);
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || 8 + headerLength > size) {
                throw new IllegalArgumentException("SafeTensors.read: " + file + " declares a header of " + headerLength
                        + " bytes but the file has " + size + " bytes");
            }
            byte[] headerBytes = new byte[(int) headerLength];
            readAt(channel, 8, (int) headerLength, file).get(headerBytes);
            JsonNode header = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8));
            if (header == null || !header.isObject()) {
                throw new IllegalArgumentException("SafeTensors.read: the header of " + file + " is not a JSON object");
            }
            long dataStart = 8 + headerLength;
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals(METADATA)) {
                    e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                } else {
                    tensors.put(e.getKey(), readTensor(channel, e.getKey(), e.getValue(), dataStart, size, file));
                }
            }
            return new Contents(tensors, metadata);
        }
    }

    private static Tensor readTensor(FileChannel channel, String name, JsonNode entry, long dataStart, long fileSize,
            Path file) throws IOException {
        SafeTensorsDType dtype = SafeTensorsDType.parse(entry.path("dtype").asText(), name);
        JsonNode shapeNode = entry.path("shape");
        JsonNode offsets = entry.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new IllegalArgumentException("SafeTensors.read: tensor '" + name + "' needs a shape array and two "
                    + "data_offsets, got " + entry);
        }
        int[] shape = new int[shapeNode.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asInt(-1);
            if (shape[i] < 0) {
                throw new IllegalArgumentException("SafeTensors.read: tensor '" + name + "' has an invalid shape " + shapeNode);
            }
            numel *= shape[i];
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (begin < 0 || end - begin != numel * dtype.bytes() || dataStart + end > fileSize || numel > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("SafeTensors.read: tensor '" + name + "' of dtype " + dtype + " and shape "
                    + shapeNode + " has data_offsets " + offsets + " that do not fit its size or the data section of "
                    + (fileSize - dataStart) + " bytes");
        }
        ByteBuffer data = readAt(channel, dataStart + begin, (int) (end - begin), file);
        int n = (int) numel;
        if (shape.length == 0) {
            return dtype.decode(data, n, 1).reshape();
        }
        return dtype.decode(data, n, shape);
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length, Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + buf.position()) < 0) {
                throw new IllegalArgumentException("SafeTensors.read: " + file + " ends before byte " + (position + length));
            }
        }
        return buf.flip();
    }
}
