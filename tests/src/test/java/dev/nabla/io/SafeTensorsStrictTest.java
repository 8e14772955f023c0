package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.nabla.Tensor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule of {@link SafeTensors#read}'s contract, on a file laid out by hand to break exactly that rule. */
class SafeTensorsStrictTest {

    @TempDir
    Path dir;

    /** The file: the 8-byte length of {@code header}, its bytes as given (no padding added), then {@code data}. */
    private static byte[] raw(byte[] header, byte[] data) {
        return ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(header.length).put(header).put(data).array();
    }

    private static byte[] raw(String header, byte[] data) {
        return raw(header.getBytes(StandardCharsets.UTF_8), data);
    }

    private Path file(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "t", ".safetensors"), bytes);
    }

    private SafeTensors.Contents read(String header, byte[] data) throws IOException {
        return SafeTensors.read(file(raw(header, data)));
    }

    /** Reading must fail with an IllegalArgumentException whose message names the file and contains {@code expected}. */
    private IllegalArgumentException refused(byte[] bytes, String expected) throws IOException {
        Path f = file(bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().startsWith("SafeTensors.read: " + f + ": ") && e.getMessage().contains(expected),
                e.getMessage());
        return e;
    }

    private IllegalArgumentException refused(String header, byte[] data, String expected) throws IOException {
        return refused(raw(header, data), expected);
    }

    private static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private static String f32(String name, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    @Test
    void tensorsMustTileTheDataExactly() throws IOException {
        byte[] four = floats(1, 2, 3, 4);
        // overlap: both tensors from the same bytes (this loaded silently before)
        refused("{" + f32("a", "[2]", 0, 8) + "," + f32("b", "[2]", 0, 8) + "}", floats(1, 2), "tensor 'b'");
        refused("{" + f32("a", "[2]", 0, 8) + "," + f32("b", "[2]", 4, 12) + "}", floats(1, 2, 3), "no gap, no overlap");
        // a gap, bytes after the last tensor, and a data section too short
        refused("{" + f32("a", "[1]", 0, 4) + "," + f32("b", "[2]", 8, 16) + "}", four, "tensor 'b'");
        refused("{" + f32("a", "[3]", 0, 12) + "}", four, "bytes after the last tensor");
        refused("{" + f32("a", "[4]", 0, 16) + "}", floats(1, 2, 3), "truncated");
        // an entry whose end comes before its begin
        refused("{" + f32("a", "[0]", 4, 0) + "," + f32("b", "[1]", 0, 4) + "}", floats(1), "tensor 'a'");
        // the header may list tensors in any order: sorted by offset they tile
        SafeTensors.Contents c = read("{" + f32("late", "[1]", 12, 16) + "," + f32("early", "[3]", 0, 12) + "}", four);
        assertEquals(List.of("late", "early"), List.copyOf(c.tensors().keySet()));
        assertArrayEquals(new float[] {4}, c.tensors().get("late").toFloatArray());
        assertArrayEquals(new float[] {1, 2, 3}, c.tensors().get("early").toFloatArray());
    }

    @Test
    void offsetsNearLongMaxAreCheckedExactly() throws IOException {
        long big = Long.MAX_VALUE - 3;
        // begin + size overflowed past the old bounds check and failed as "Negative position"
        refused("{" + f32("a", "[1]", big, big + 4) + "}", floats(1), "tensor 'a'");
        refused("{" + f32("a", "[1]", 0, 4) + "," + f32("b", "[1]", 4, Long.MAX_VALUE) + "}", floats(1, 2), "tensor 'b'");
        refused("{" + f32("a", "[1]", 0, 4).replace("[0,4]", "[0,9223372036854775808]") + "}", floats(1), "fit a long");
    }

    @Test
    void shapeEntriesMustBeNonNegativeIntegersThatFitALong() throws IOException {
        byte[] two = {7, 9};
        String u8 = "{\"a\":{\"dtype\":\"U8\",\"shape\":%s,\"data_offsets\":[0,2]}}";
        // each of these used to load as shape [2]
        refused(String.format(u8, "[4294967298]"), two, "needs 4294967298 bytes");
        refused(String.format(u8, "[2.7]"), two, "non-negative integers that fit a long, got 2.7");
        refused(String.format(u8, "[\"2\"]"), two, "non-negative integers that fit a long, got 2");
        refused(String.format(u8, "[2e0]"), two, "got 2e0");
        refused(String.format(u8, "[-2]"), two, "got -2");
        refused(String.format(u8, "[18446744073709551618]"), two, "fit a long");
        // 65536^4 bytes: the element count overflowed to 0 before
        refused(String.format(u8.replace("[0,2]", "[0,0]"), "[65536,65536,65536,65536]"), new byte[0],
                "more bytes than a long can count");
        assertArrayEquals(new long[] {7, 9}, read(String.format(u8, "[2]"), two).tensors().get("a").toLongArray());
        assertArrayEquals(new int[] {1, 2}, read(String.format(u8, "[1,2]"), two).tensors().get("a").shape().toArray());
    }

    @Test
    void shapesBeyondANablaTensorAreRefusedBeforeAnyAllocation() throws IOException {
        // a sparse file of 2^31 data bytes: valid safetensors, but one dimension past Nabla's int extents
        Path huge = dir.resolve("huge.safetensors");
        String header = "{\"a\":{\"dtype\":\"U8\",\"shape\":[2147483648],\"data_offsets\":[0,2147483648]}}";
        byte[] head = raw(header, new byte[0]);
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.write(head);
            f.setLength(head.length + 2147483648L);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.read(huge));
        assertTrue(e.getMessage().contains("dimension 2147483648, more than the 2^31-1"), e.getMessage());
        // [46341, 46341] F32 has int extents but 2^31 + 4,000-odd elements
        String square = "{\"a\":{\"dtype\":\"F32\",\"shape\":[46341,46341],\"data_offsets\":[0,8589953124]}}";
        byte[] squareHead = raw(square, new byte[0]);
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(0);
            f.write(squareHead);
            f.setLength(squareHead.length + 8589953124L);
        }
        e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.read(huge));
        assertTrue(e.getMessage().contains("larger than one Nabla tensor can be"), e.getMessage());
        Files.delete(huge);
    }

    @Test
    void theHeaderMustBeStrictUtf8JsonAndNothingAfterIt() throws IOException {
        String ok = "{" + f32("a", "[1]", 0, 4) + "}";
        byte[] one = floats(1);
        byte[] okBytes = ok.getBytes(StandardCharsets.UTF_8);
        // an invalid byte inside the name, an overlong encoding of '/', and a UTF-16 surrogate written as UTF-8
        for (byte[] bad : new byte[][] {{(byte) 0xff}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}}) {
            byte[] header = new byte[okBytes.length + bad.length];
            System.arraycopy(okBytes, 0, header, 0, 2);
            System.arraycopy(bad, 0, header, 2, bad.length);
            System.arraycopy(okBytes, 2, header, 2 + bad.length, okBytes.length - 2);
            refused(raw(header, one), "not valid UTF-8");
        }
        byte[] bom = new byte[okBytes.length + 3];
        bom[0] = (byte) 0xef;
        bom[1] = (byte) 0xbb;
        bom[2] = (byte) 0xbf;
        System.arraycopy(okBytes, 0, bom, 3, okBytes.length);
        refused(raw(bom, one), "byte-order mark");
        refused(ok + "x", one, "not valid JSON");
        refused(ok + "{}", one, "more after its JSON object");
        refused(ok + "\0\0", one, "not valid JSON");
        refused("{\"\\ud800\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", one, "unpaired surrogate");
        // JSON whitespace after the object is the writer's padding: spaces as the format writes, and any other
        assertEquals(1, read(ok + "   ", one).tensors().size());
        assertEquals(1, read(" \n" + ok + "\r\n\t ", one).tensors().size());
        assertEquals("\u00e9t\u00e9", read("{\"__metadata__\":{\"k\":\"\u00e9t\u00e9\"}," + ok.substring(1), one)
                .metadata().get("k"));
    }

    @Test
    void duplicateKeysAreRefusedAtEveryLevel() throws IOException {
        byte[] two = floats(1, 2);
        refused("{" + f32("a", "[1]", 0, 4) + "," + f32("a", "[1]", 4, 8) + "}", two, "two entries for tensor 'a'");
        refused("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}", new byte[0], "'k' appears twice");
        refused("{\"__metadata__\":{},\"__metadata__\":{}}", new byte[0], "two __metadata__");
        refused("{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", floats(1),
                "two 'dtype' fields");
    }

    @Test
    void entriesHoldExactlyTheirThreeFieldsAndMetadataOnlyStrings() throws IOException {
        byte[] one = floats(1);
        refused("{\"__metadata__\":{\"epoch\":3}}", new byte[0], "__metadata__ value 'epoch' must be a string");
        refused("{\"__metadata__\":{\"k\":null}}", new byte[0], "must be a string");
        refused("{\"__metadata__\":[\"k\"]}", new byte[0], "__metadata__ must be an object of strings");
        refused("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":1}}", one, "unknown field 'extra'");
        refused("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[0], "needs dtype, shape and data_offsets");
        refused("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", one, "more than 2 entries");
        refused("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4]}}", one, "two integers");
        refused("{\"a\":[1]}", one, "tensor 'a' must be an object");
        refused("{\"a\":{\"dtype\":\"X9\",\"shape\":[1],\"data_offsets\":[0,4]}}", one, "dtype X9");
        refused("[]", new byte[0], "not a JSON object");
        refused("  ", new byte[0], "the header is empty");
    }

    @Test
    void nonJsonIsAnIllegalArgumentExceptionWithTheParserErrorAsCause() throws IOException {
        IllegalArgumentException e = refused("{\"a\":", new byte[0], "not valid JSON");
        assertInstanceOf(JsonProcessingException.class, e.getCause());
        refused("not json at all", new byte[0], "not valid JSON");
        refused("{'a':1}", new byte[0], "not valid JSON");
    }

    @Test
    void theHeaderLengthIsCheckedAgainstTheCapAndTheFile() throws IOException {
        IllegalArgumentException e = refused(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(100_000_001).array(), "over the cap of 100000000 bytes");
        assertTrue(e.getMessage().contains("header of 100000001 bytes"), e.getMessage());
        refused(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).array(),
                "header of 18446744073709551615 bytes, over the cap");
        refused(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(8).array(), "only 4 follow");
        refused(new byte[5], "fewer than the 8");
    }

    @Test
    void headerMemoryIsBoundedByCapsOnEntries() throws IOException {
        // 1,000,000 metadata keys in a 15 MB header: refused at the cap, without building a tree of them all
        StringBuilder many = new StringBuilder("{\"__metadata__\":{");
        for (int i = 0; i < 1_000_000; i++) {
            many.append(i == 0 ? "" : ",").append('"').append(i).append("\":\"v\"");
        }
        byte[] bytes = raw(many.append("}}").toString(), new byte[0]);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        refused(bytes, "more than 100000 __metadata__ entries, the most this reader accepts");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // the file itself is read (15 MB), then at most 100,000 short entries are kept
        assertTrue(allocated < 3L * bytes.length + (64 << 20), "allocated " + allocated + " bytes");

        StringBuilder tensors = new StringBuilder("{");
        for (int i = 0; i <= 100_000; i++) {
            tensors.append(i == 0 ? "" : ",").append(f32("t" + i, "[0]", 0, 0));
        }
        refused(tensors.append("}").toString(), new byte[0], "more than 100000 tensors");
        refused("{\"a\":{\"dtype\":\"U8\",\"shape\":[" + "1,".repeat(64) + "1],\"data_offsets\":[0,1]}}", new byte[1],
                "more than 64 entries");
    }

    @Test
    void theWriterRefusesWhatTheReaderWouldRefuse() {
        Path f = dir.resolve("w.safetensors");
        Tensor t = Tensor.zeros(1);
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(f, Map.of("\ud800", t)));
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(f, Map.of("a", t), Map.of("k", "\udc00")));
        Map<String, Tensor> many = new LinkedHashMap<>();
        for (int i = 0; i <= 100_000; i++) {
            many.put("t" + i, t);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(f, many));
        assertTrue(e.getMessage().contains("more than the 100000 that SafeTensors.read accepts"), e.getMessage());
        assertTrue(Files.notExists(f));
    }
}
