package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regenerates every PTX module and the manifest with generate-ptx.sh into a temporary folder and requires the
 * committed files to match byte for byte. Skipped without nvcc, or with an nvcc release other than the one
 * that generated the committed files (code generation differs between releases).
 */
class RegenerationTest {

    private static final Pattern RELEASE = Pattern.compile("release (\\d+\\.\\d+), V(\\S+)");

    @Test
    void committedPtxMatchesSources(@TempDir Path dir) throws Exception {
        assumeTrue(PtxResources.onPath("nvcc") && PtxResources.onPath("ptxas"), "nvcc or ptxas is not on PATH");
        Path versionLog = dir.resolve("nvcc-version.txt");
        assertEquals(0, PtxResources.run(List.of("nvcc", "--version"), versionLog));
        String local = release(Files.readString(versionLog));
        String committed = release(PtxKernels.ptx(PtxKernels.modules().get(0)));
        assumeTrue(local.equals(committed), "local nvcc " + local + " differs from the committed PTX's " + committed);

        Path out = dir.resolve("regenerated");
        Path log = dir.resolve("generate.log");
        int rc = PtxResources.run(List.of("bash", PtxResources.MODULE_DIR.resolve("generate-ptx.sh").toString(),
                out.toString()), log);
        assertEquals(0, rc, () -> "generate-ptx.sh failed:\n" + PtxResources.readQuietly(log));
        assertEquals(listing(PtxResources.COMMITTED), listing(out), "generated file set");
        for (String file : listing(out)) {
            assertArrayEquals(Files.readAllBytes(PtxResources.COMMITTED.resolve(file)), Files.readAllBytes(out.resolve(file)),
                    file + " is stale: run kernels-ptx/generate-ptx.sh and commit the result");
        }
    }

    private static String release(String text) {
        Matcher m = RELEASE.matcher(text);
        return m.find() ? m.group(1) + " " + m.group(2) : "unknown";
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
