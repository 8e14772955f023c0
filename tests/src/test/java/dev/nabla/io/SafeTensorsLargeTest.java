package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.backend.Backends;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tensor of more than 2 GiB saves and loads (the old reader failed with "capacity < 0", the writer
 * overflowed an int). It needs about 2.3 GB of heap and writes a 2 GiB file, so it runs only when
 * asked: {@code mvn -o -pl tests -am test -Dtest=SafeTensorsLargeTest -Dnabla.test.large=true
 * -Dsurefire.failIfNoSpecifiedTests=false}. {@link SafeTensorsChunkTest} covers the same chunked
 * paths with small chunks in every build.
 */
@EnabledIfSystemProperty(named = "nabla.test.large", matches = "true")
class SafeTensorsLargeTest {

    /** 2^29 + 1024 float32 values: 2 GiB and 4 KiB of data. */
    private static final int N = (1 << 29) + 1024;

    /** The value at index i: sparse markers, so the loaded array is checked against a formula, not a second copy. */
    private static float expected(int i) {
        return i % 65_537 == 0 || i >= N - 3 ? (float) i : 0f;
    }

    @Test
    void aTensorOfMoreThan2GiBRoundTrips(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("large.safetensors");
        float[] values = new float[N];
        for (int i = 0; i < N; i++) {
            values[i] = expected(i);
        }
        // adopted, not copied as Tensor.of would: one 2 GiB array at a time fits the tests' 3 GB heap
        SafeTensors.write(file, Map.of("big", Tensor.fromStorage(Backends.get(Device.best()).upload(values), N)));
        values = null; // only one copy of the data may be alive when reading back into 3 GB
        long headerLength = Files.size(file) - 4L * N - 8;
        String header = new String(headerBytes(file, (int) headerLength), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"data_offsets\":[0," + 4L * N + "]"), header);

        Tensor big = SafeTensors.read(file).tensors().get("big");
        assertEquals(DType.FLOAT32, big.dtype());
        assertEquals(N, big.numel());
        int block = 1 << 24;
        for (int start = 0; start < N; start += block) { // copied out a block at a time: one full copy is all 3 GB hold
            float[] back = big.narrow(0, start, Math.min(block, N - start)).toFloatArray();
            for (int j = 0; j < back.length; j++) {
                if (Float.floatToIntBits(back[j]) != Float.floatToIntBits(expected(start + j))) {
                    throw new AssertionError("element " + (start + j) + " is " + back[j] + ", expected " + expected(start + j));
                }
            }
        }
    }

    private static byte[] headerBytes(Path file, int length) throws IOException {
        try (var in = Files.newInputStream(file)) {
            in.skipNBytes(8);
            return in.readNBytes(length);
        }
    }
}
