package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        return run(command, log, Map.of());
    }

    /** Runs a command with extra environment variables, returning its exit code; output goes to {@code log}. */
    static int run(List<String> command, Path log, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start().waitFor();
    }

    /**
     * Compiles {@code src/test/cuda/<source>} for the host with nvcc (the kernels' sources on the include path) and
     * runs it. Skips the calling test when nvcc or its host compiler is absent; fails when the program does.
     *
     * @return the program's output lines, split at spaces
     */
    static List<String[]> runHostProgram(Path dir, String source) throws IOException, InterruptedException {
        return execute(build(dir, source, List.of("nvcc", "-std=c++17")), Map.of());
    }

    /**
     * Compiles {@code src/test/cuda/<source>} as C++ with {@code cuda_emulator.h} forced in, so that the kernels it
     * includes run on the host emulation of the CUDA execution model. Skips the calling test when g++ is absent.
     *
     * @return the executable
     */
    static Path buildEmulatedProgram(Path dir, String source) throws IOException, InterruptedException {
        return build(dir, source, List.of("g++", "-x", "c++", "-std=c++17", "-O1", "-include",
                MODULE_DIR.resolve("src/test/cuda/cuda_emulator.h").toString()));
    }

    /**
     * Runs an emulated program, its threads scheduled in index order or in reverse (so that a missing barrier shows
     * up whichever side of it the racing threads sit). Fails when the program does (the emulator exits non-zero on a
     * barrier deadlock).
     *
     * @return the program's output lines, split at spaces
     */
    static List<String[]> runEmulated(Path exe, boolean reverseOrder) throws IOException, InterruptedException {
        return execute(exe, reverseOrder ? Map.of("NABLA_EMU_REVERSE", "1") : Map.of());
    }

    private static Path build(Path dir, String source, List<String> compiler) throws IOException, InterruptedException {
        assumeTrue(onPath(compiler.get(0)), compiler.get(0) + " is not on PATH");
        Path exe = dir.resolve(source.replace(".cu", ""));
        Path log = dir.resolve(source + ".build.log");
        List<String> command = new ArrayList<>(compiler);
        command.addAll(List.of("-I", CUDA_SOURCES.toString(), "-o", exe.toString(),
                MODULE_DIR.resolve("src/test/cuda").resolve(source).toString()));
        int rc = run(command, log);
        assumeTrue(rc == 0 || !compiler.get(0).equals("nvcc"), () -> "no host compiler for nvcc: " + readQuietly(log));
        assertEquals(0, rc, () -> source + " does not compile: " + readQuietly(log));
        return exe;
    }

    private static List<String[]> execute(Path exe, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path out = exe.resolveSibling(exe.getFileName() + (environment.isEmpty() ? "" : ".env") + ".out");
        assertEquals(0, run(List.of(exe.toString()), out, environment),
                () -> exe.getFileName() + " failed: ..." + tail(readQuietly(out)));
        return Files.readAllLines(out).stream().map(l -> l.split(" ")).toList();
    }

    /** The last 2,000 characters of {@code text}, where a program's error message ends up. */
    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 2000));
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
