package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of hand-written PTX and manifest lines. */
class PtxTextTest {

    private static final String PTX = String.join("\n",
            "//", "// Generated", "//", "", ".version 8.0", ".target sm_75", ".address_size 64", "",
            "\t// .globl\tfirst", ".visible .entry first(", "\t.param .u64 first_param_0,", "\t.param .u32 first_param_1",
            ")", "{", "\tret;", "}", ".visible .entry second(", "\t.param .align 4 .b8 second_param_0[164]", ")", "{",
            "\tret;", "}", "");

    @Test
    void findsEntriesVersionAndTarget() {
        assertEquals(List.of("first", "second"), PtxText.entryNames(PTX));
        assertEquals("8.0", PtxText.isaVersion(PTX));
        assertEquals("sm_75", PtxText.target(PTX));
    }

    @Test
    void countsParameters() {
        assertEquals(2, PtxText.parameterCount(PTX, "first"));
        assertEquals(1, PtxText.parameterCount(PTX, "second"));
        assertThrows(IllegalArgumentException.class, () -> PtxText.parameterCount(PTX, "third"));
    }

    @Test
    void missingDirectivesAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> PtxText.isaVersion("// nothing"));
        assertThrows(IllegalArgumentException.class, () -> PtxText.target("// nothing"));
    }

    @Test
    void parsesManifestLines() {
        KernelSignature s = KernelSignature.parse("reduce reduce_f32(float* out, const float* x, int outer)");
        assertEquals(new KernelSignature("reduce", "reduce_f32", List.of("float* out", "const float* x", "int outer")), s);
        assertEquals(3, s.parameterCount());
        assertEquals(0, KernelSignature.parse("m k()").parameterCount());
        assertThrows(IllegalArgumentException.class, () -> KernelSignature.parse("no_module(int n)"));
        assertThrows(IllegalArgumentException.class, () -> KernelSignature.parse("m k(int n"));
    }
}
