package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every committed module assembles with the toolkit's ptxas (skipped when ptxas is not on PATH). */
class PtxasTest {

    @TempDir
    Path dir;

    static Stream<Arguments> modulesAndTargets() {
        return PtxResources.modules().flatMap(m -> Stream.of("sm_75", "sm_90").map(arch -> Arguments.of(m, arch)));
    }

    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("modulesAndTargets")
    void assembles(String module, String arch) throws Exception {
        assumeTrue(PtxResources.onPath("ptxas"), "ptxas is not on PATH");
        Path ptx = PtxResources.writeModule(dir, module);
        Path log = dir.resolve("ptxas.log");
        int rc = PtxResources.run(List.of("ptxas", "-arch=" + arch, "-o", dir.resolve(module + ".cubin").toString(),
                ptx.toString()), log);
        assertEquals(0, rc, () -> "ptxas " + arch + " " + module + ":\n" + PtxResources.readQuietly(log));
    }
}
