package dev.nabla.models.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DeviceType;
import dev.nabla.backend.Backends;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code nabla} program as its own process, for what one JVM cannot show in another: the
 * environment ({@code NABLA_DEVICE}), standard error redirected to a file, Ctrl-C, and how soon the
 * process exits.
 */
class ProgramProcessTest {

    @TempDir
    Path dir;

    /** Exit status, standard output and standard error (both read from files) and the wall time of one run. */
    private record Exit(int code, String out, String err, double seconds) {
    }

    private ProcessBuilder program(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        pb.environment().remove("NABLA_DEVICE");
        pb.environment().putAll(env);
        return pb;
    }

    private Exit finish(Process p, long start) throws IOException, InterruptedException {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the program did not exit within 60 s");
        return new Exit(p.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8), (System.nanoTime() - start) / 1e9);
    }

    private Exit run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        long start = System.nanoTime();
        return finish(program(env, args).start(), start);
    }

    private static boolean cudaUsable() {
        return Backends.probes().entrySet().stream()
                .anyMatch(e -> e.getKey().deviceType() == DeviceType.CUDA && e.getValue().usable());
    }

    @Test
    void aLogFileGetsPlainLinesAndTheDeviceOptionWinsOverTheEnvironment() throws Exception {
        Exit r = run(Map.of("NABLA_DEVICE", "cuda"), "train", "mlp-spiral", "--device", "cpu", "--epochs", "2", "--out",
                "run");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("training mlp-spiral on cpu") && r.out().contains("epoch 2/2"), r.out());
        for (String log : List.of(r.out(), r.err())) {
            assertFalse(log.contains("\u001b"), "an escape code in " + log);
            assertFalse(log.contains("\r"), "a carriage return in " + log);
        }
    }

    @Test
    void aBadDeviceVariableIsNamedAndTheDoctorStillReportsEverything() throws Exception {
        Exit bogus = run(Map.of("NABLA_DEVICE", "bogus"), "train", "mlp-spiral", "--epochs", "1");
        assertEquals(Main.BAD_INPUT, bogus.code(), bogus.err());
        assertTrue(bogus.err().contains("error: environment variable NABLA_DEVICE is 'bogus': "), bogus.err());

        Exit doctor = run(Map.of("NABLA_DEVICE", cudaUsable() ? "cuda:99" : "cuda"), "doctor");
        assertEquals(Main.FAILED, doctor.code(), doctor.out() + doctor.err());
        assertTrue(doctor.out().contains("default device: none: environment variable NABLA_DEVICE is 'cuda"), doctor.out());
        assertTrue(doctor.out().contains("\njava: "), "the JVM line: " + doctor.out());
    }

    @Test
    void aFailedResumeExitsAtOnce() throws Exception {
        Files.createDirectory(dir.resolve("empty"));
        Exit r = run(Map.of(), "train", "mlp-spiral", "--out", "empty", "--resume");
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("holds no checkpoint.safetensors"), r.err());
        // a JVM start and a model build take a few seconds; the old shutdown hook waited 60 more
        assertTrue(r.seconds() < 30, "took " + r.seconds() + " s");
    }

    @Test
    void ctrlCSavesPrintsTheWholeSummaryAndExitsWith130() throws Exception {
        Assumptions.assumeTrue(new File("/bin/kill").canExecute() || new File("/usr/bin/kill").canExecute(),
                "no kill command to send SIGINT with");
        long start = System.nanoTime();
        Process p = program(Map.of(), "train", "mlp-spiral", "--epochs", "100000", "--out", "run").start();
        Path out = dir.resolve("out.txt");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(out).contains("epoch 2/") && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        Exit r = finish(p, start);
        assertEquals(Main.INTERRUPTED, r.code(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(lines.size() - 1).matches("time = \\d+\\.\\d s \\(stopped\\)"), r.out());
        assertTrue(r.out().contains("; checkpoint saved") && r.out().contains("(a stop skips the evaluation)"), r.out());
        assertTrue(r.out().contains("test_accuracy = "), r.out());
        assertTrue(Files.size(dir.resolve("run/checkpoint.safetensors")) > 0);

        // the stopped run resumes; metrics.csv has each epoch once
        Exit resumed = run(Map.of(), "train", "mlp-spiral", "--epochs", Integer.toString(finishedEpochs() + 1), "--out",
                "run", "--resume");
        assertEquals(0, resumed.code(), resumed.err());
        List<String> csv = Files.readAllLines(dir.resolve("run/metrics.csv"));
        for (int epoch = 1; epoch < csv.size(); epoch++) {
            assertTrue(csv.get(epoch).startsWith(epoch + ","), "row " + epoch + " of " + csv);
        }
    }

    private int finishedEpochs() throws IOException {
        return Files.readAllLines(dir.resolve("run/metrics.csv")).size() - 1;
    }
}
