package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Classpath access to modules, entry points and signatures. */
class PtxKernelsTest {

    @Test
    void listsOneModulePerCudaSource() throws IOException {
        List<String> sources;
        try (Stream<Path> files = Files.list(PtxResources.CUDA_SOURCES)) {
            sources = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".cu"))
                    .map(n -> n.substring(0, n.length() - 3)).sorted().toList();
        }
        assertTrue(sources.containsAll(List.of("attention", "elementwise", "lstm_cell", "softmax")), sources::toString);
        assertEquals(sources, PtxKernels.modules());
    }

    @Test
    void readsPtxText() {
        String ptx = PtxKernels.ptx("softmax");
        assertTrue(ptx.contains(".visible .entry softmax_forward_f32("), "softmax module text");
    }

    @Test
    void signatureGivesParametersInLaunchOrder() {
        KernelSignature s = PtxKernels.signature("softmax_forward_f32");
        assertEquals("softmax", s.module());
        assertEquals(List.of("float* y", "const float* x", "int rows", "int cols", "int logSoftmax"), s.parameters());
    }

    @Test
    void rejectsUnknownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PtxKernels.ptx("nope"));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PtxKernels.signature("nope_f32"));
        assertThrows(IllegalArgumentException.class, () -> PtxKernels.entryPoints("../softmax"));
    }
}
