package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.DType;
import dev.nabla.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tensor data moves through a bounded buffer in both directions, which is what lets tensors of
 * more than 2 GiB load and save: here with chunks of a few bytes, so every tensor spans many.
 */
class SafeTensorsChunkTest {

    @TempDir
    Path dir;

    @Test
    void dataStreamsThroughChunksSmallerThanATensor() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("f", Tensor.randn(37));
        tensors.put("d", Tensor.randn(3, 5).to(DType.FLOAT64));
        tensors.put("i", Tensor.of(new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE}));
        tensors.put("empty", Tensor.zeros(0, 3));
        Path chunked = dir.resolve("chunked.safetensors");
        Path whole = dir.resolve("whole.safetensors");
        SafeTensors.write(chunked, tensors, Map.of("k", "v"), 8); // a chunk holds one double or two floats
        SafeTensors.write(whole, tensors, Map.of("k", "v"));
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(chunked));
        for (int chunk : new int[] {8, 16, 24, SafeTensors.CHUNK_BYTES}) {
            SafeTensors.Contents c = SafeTensors.read(chunked, chunk);
            assertArrayEquals(tensors.get("f").toFloatArray(), c.tensors().get("f").toFloatArray(), "chunk " + chunk);
            assertArrayEquals(tensors.get("d").toDoubleArray(), c.tensors().get("d").toDoubleArray(), 0);
            assertArrayEquals(tensors.get("i").toLongArray(), c.tensors().get("i").toLongArray());
            assertEquals(tensors.get("empty").shape(), c.tensors().get("empty").shape());
        }
    }
}
