package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Classpath access to modules, entry points and signatures. */
class PtxKernelsTest {

    @Test
    void listsOneModulePerCudaSource() {
        assertEquals(List.of("attention", "conv", "cross_entropy", "elementwise", "gemm", "indexing", "layernorm", "optim",
                "pool", "random", "reduce", "softmax"), PtxKernels.modules());
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
