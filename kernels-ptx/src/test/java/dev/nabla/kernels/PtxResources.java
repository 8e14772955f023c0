package dev.nabla.kernels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test helpers: module names, source paths and writing modules to temporary files. */
final class PtxResources {

    /** Module directory (Surefire runs tests with the module as working directory). */
    static final Path MODULE_DIR = Path.of("").toAbsolutePath();
    static final Path CUDA_SOURCES = MODULE_DIR.resolve("src/main/cuda");
    static final Path COMMITTED = MODULE_DIR.resolve("src/main/resources/dev/nabla/kernels");

    private PtxResources() {
    }

    static Stream<String> modules() {
        return PtxKernels.modules().stream();
    }

    static String source(String file) throws IOException {
        return Files.readString(CUDA_SOURCES.resolve(file), StandardCharsets.UTF_8);
    }

    static Path writeModule(Path dir, String module) throws IOException {
        return Files.writeString(dir.resolve(module + ".ptx"), PtxKernels.ptx(module), StandardCharsets.UTF_8);
    }

    /** Runs a command, returning its exit code; output goes to {@code log}. */
    static int run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return p.waitFor();
    }

    /** A log file's text, or why it could not be read (for assertion messages). */
    static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** True when an executable of that name is on PATH. */
    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
