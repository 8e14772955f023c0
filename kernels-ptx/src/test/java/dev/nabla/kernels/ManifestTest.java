package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The manifest and the committed PTX agree: same entry points, same parameter counts, ISA 8.0 for sm_75. */
class ManifestTest {

    static java.util.stream.Stream<String> modules() {
        return PtxResources.modules();
    }

    @ParameterizedTest
    @MethodSource("modules")
    void manifestEntriesAreExactlyThePtxEntries(String module) {
        List<String> fromManifest = PtxKernels.manifest().stream().filter(s -> s.module().equals(module))
                .map(KernelSignature::name).collect(Collectors.toList());
        assertFalse(fromManifest.isEmpty(), module + " has no manifest entries");
        assertEquals(fromManifest, PtxKernels.entryPoints(module));
    }

    @ParameterizedTest
    @MethodSource("modules")
    void parameterCountsMatch(String module) {
        String ptx = PtxKernels.ptx(module);
        for (KernelSignature s : PtxKernels.manifest()) {
            if (s.module().equals(module)) {
                assertEquals(s.parameterCount(), PtxText.parameterCount(ptx, s.name()), s.name() + " " + s.parameters());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("modules")
    void isaAndTargetAreTheCommittedBaseline(String module) {
        String ptx = PtxKernels.ptx(module);
        assertEquals("8.0", PtxText.isaVersion(ptx));
        assertEquals("sm_75", PtxText.target(ptx));
    }

    @ParameterizedTest
    @MethodSource("modules")
    void entryNamesAreUniqueAcrossModules(String module) {
        for (String entry : PtxKernels.entryPoints(module)) {
            assertEquals(module, PtxKernels.signature(entry).module(), entry);
        }
        assertTrue(PtxKernels.manifest().stream().map(KernelSignature::name).distinct().count()
                == PtxKernels.manifest().size(), "duplicate kernel names in the manifest");
    }
}
