package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Philox-4x32-10 used by the random kernels (a __host__ __device__ function in random.cu) reproduces the
 * published Random123 known-answer vectors. Compiled for the host with nvcc; skipped when nvcc is absent.
 */
class PhiloxKnownAnswerTest {

    @Test
    void matchesRandom123KnownAnswers(@TempDir Path dir) throws Exception {
        assumeTrue(PtxResources.onPath("nvcc"), "nvcc is not on PATH");
        Path exe = dir.resolve("philox_kat");
        Path log = dir.resolve("build.log");
        int rc = PtxResources.run(List.of("nvcc", "-std=c++17", "-I", PtxResources.CUDA_SOURCES.toString(), "-o",
                exe.toString(), PtxResources.MODULE_DIR.resolve("src/test/cuda/philox_kat.cu").toString()), log);
        assumeTrue(rc == 0, () -> "no host compiler for nvcc: " + PtxResources.readQuietly(log));
        Path out = dir.resolve("out.txt");
        assertEquals(0, PtxResources.run(List.of(exe.toString()), out));
        assertEquals(List.of(
                "6627e8d5 e169c58d bc57ac4c 9b00dbd8",
                "408f276d 41c83b0e a20bc7c6 6d5451fd",
                "d16cfe09 94fdcceb 5001e420 24126ea1"), Files.readAllLines(out));
    }
}
