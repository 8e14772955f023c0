package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import java.io.IOException;
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

/** The safetensors reader and writer against bytes laid out by hand from the format specification. */
class SafeTensorsTest {

    @TempDir
    Path dir;

    /** 8-byte little-endian header length, the header padded with spaces to a multiple of 8, then the data. */
    private static byte[] fileBytes(String header, byte[] data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            b.put((byte) ' ');
        }
        return b.put(data).array();
    }

    @Test
    void readsAHandBuiltFileWithSeveralDtypes() throws IOException {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                + "\"idx\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[16,40]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[40,46]},"
                + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[46,50]},"
                + "\"s\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[50,58]},"
                + "\"mask\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[58,60]},"
                + "\"i32\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[60,64]}}";
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(1.5f).putFloat(-2f).putFloat(0.25f).putFloat(3e8f);
        data.putLong(7).putLong(-1).putLong(1L << 40);
        data.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x0001); // 1, −2, 2^−24 (subnormal)
        data.putShort((short) 0x3FC0).putShort((short) 0xC2F7); // bfloat16 1.5 and −123.5
        data.putDouble(Math.PI);
        data.put((byte) 1).put((byte) 0);
        data.putInt(-5);
        Path file = dir.resolve("fixture.safetensors");
        Files.write(file, fileBytes(header, data.array()));

        SafeTensors.Contents c = SafeTensors.read(file);
        assertEquals(Map.of("format", "pt"), c.metadata());
        assertEquals(List.of("w", "idx", "h", "bf", "s", "mask", "i32"), List.copyOf(c.tensors().keySet()));
        Tensor w = c.tensors().get("w");
        assertEquals(DType.FLOAT32, w.dtype());
        assertArrayEquals(new int[] {2, 2}, w.shape().toArray());
        assertArrayEquals(new float[] {1.5f, -2f, 0.25f, 3e8f}, w.toFloatArray());
        assertEquals(DType.INT64, c.tensors().get("idx").dtype());
        assertArrayEquals(new long[] {7, -1, 1L << 40}, c.tensors().get("idx").toLongArray());
        assertEquals(DType.FLOAT32, c.tensors().get("h").dtype());
        assertArrayEquals(new float[] {1f, -2f, (float) Math.pow(2, -24)}, c.tensors().get("h").toFloatArray());
        assertArrayEquals(new float[] {1.5f, -123.5f}, c.tensors().get("bf").toFloatArray());
        Tensor s = c.tensors().get("s");
        assertEquals(0, s.rank());
        assertEquals(DType.FLOAT64, s.dtype());
        assertEquals(Math.PI, s.item());
        assertArrayEquals(new long[] {1, 0}, c.tensors().get("mask").toLongArray());
        assertArrayEquals(new long[] {-5}, c.tensors().get("i32").toLongArray());
    }

    @Test
    void writerProducesTheSpecifiedBytes() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("a", Tensor.of(new float[] {1f, -2f}, 2));
        tensors.put("b", Tensor.of(new long[] {5}, 1));
        tensors.put("c", Tensor.scalar(0.5, DType.FLOAT64, Device.best()));
        Path file = dir.resolve("out.safetensors");
        SafeTensors.write(file, tensors, Map.of("k", "v"));

        String header = "{\"__metadata__\":{\"k\":\"v\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[8,16]},"
                + "\"c\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[16,24]}}";
        ByteBuffer data = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(1f).putFloat(-2f).putLong(5).putDouble(0.5);
        byte[] expected = fileBytes(header, data.array());
        byte[] actual = Files.readAllBytes(file);
        assertEquals(0, (actual.length - 8 - 24) % 8, "header padded to a multiple of 8");
        assertArrayEquals(expected, actual);

        SafeTensors.Contents back = SafeTensors.read(file);
        assertEquals(0.5, back.tensors().get("c").item());
        assertEquals(Map.of("k", "v"), back.metadata());
    }

    @Test
    void roundTripKeepsValuesBitForBit() throws IOException {
        Tensor x = Tensor.randn(3, 4);
        Tensor d = Tensor.randn(5).to(DType.FLOAT64);
        Path file = dir.resolve("rt.safetensors");
        SafeTensors.write(file, Map.of("x", x, "d", d));
        SafeTensors.Contents c = SafeTensors.read(file);
        assertArrayEquals(x.toFloatArray(), c.tensors().get("x").toFloatArray());
        assertArrayEquals(d.toDoubleArray(), c.tensors().get("d").toDoubleArray(), 0);
        assertTrue(c.metadata().isEmpty());
    }

    @Test
    void unsupportedDtypesAndCorruptFilesAreRejectedClearly() throws IOException {
        Path u64 = dir.resolve("u64.safetensors");
        Files.write(u64, fileBytes("{\"x\":{\"dtype\":\"U64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]));
        var e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.read(u64));
        assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("U64"), e.getMessage());

        Path short_ = dir.resolve("short.safetensors");
        Files.write(short_, fileBytes("{\"x\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", new byte[8]));
        var e2 = assertThrows(IllegalArgumentException.class, () -> SafeTensors.read(short_));
        assertTrue(e2.getMessage().contains("data_offsets"), e2.getMessage());

        Path garbage = dir.resolve("garbage.safetensors");
        Files.write(garbage, new byte[] {(byte) 0xff, (byte) 0xff, 0, 0, 0, 0, 0, 0, '{', '}'});
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.read(garbage));
    }
}
