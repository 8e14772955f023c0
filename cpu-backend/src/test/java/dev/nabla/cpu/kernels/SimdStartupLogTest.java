package dev.nabla.cpu.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What {@link Simd} says at start-up, in a fresh JVM started with or without the Vector API module. */
class SimdStartupLogTest {

    /** Touches {@link Simd} so its start-up line is logged, and prints whether SIMD is on. */
    public static final class Touch {
        public static void main(String[] args) {
            System.out.println("simd=" + Simd.enabled());
        }
    }

    @Test
    void aJvmWithoutTheVectorModuleIsWarnedWithTheFlagThatFixesIt() throws Exception {
        String log = run(List.of());
        assertTrue(log.contains("] WARN ") && log.contains("--add-modules jdk.incubator.vector"), log);
        assertTrue(log.contains("simd=false"), log);
    }

    @Test
    void aJvmWithTheVectorModuleLogsTheSimdKernelsAtInfo() throws Exception {
        String log = run(List.of("--add-modules", "jdk.incubator.vector"));
        assertTrue(log.contains("] INFO ") && log.contains("SIMD float and double kernels"), log);
        assertTrue(!log.contains("] WARN "), log);
        assertTrue(log.contains("simd=true"), log);
    }

    private static String run(List<String> jvmFlags) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Touch.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM ended");
        assertEquals(0, process.exitValue(), new String(out, StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8);
    }
}
