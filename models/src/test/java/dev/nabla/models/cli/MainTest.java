package dev.nabla.models.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.models.data.DigitsDataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: bad input gives one clear line and a non-zero exit; runs write, resume and evaluate. */
class MainTest {

    @TempDir
    Path dir;

    /** Exit code, standard output and standard error of one run. */
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static void assertOneLineError(Run r, String expected) {
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        String[] lines = r.err().strip().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("error: ") && last.contains(expected), "expected '" + expected + "' in: " + r.err());
        assertTrue(Arrays.stream(lines).filter(l -> l.startsWith("error")).count() == 1, r.err());
    }

    @Test
    void unknownModelIsAOneLineErrorListingTheKnownOnes() {
        Run r = run("train", "no-such-model");
        assertOneLineError(r, "unknown model 'no-such-model'");
        assertTrue(r.err().contains("lenet-digits"), r.err());
    }

    @Test
    void badOptionValuesAreRejected() {
        assertOneLineError(run("train", "mlp-spiral", "--epochs", "-3"), "epochs");
        assertOneLineError(run("train", "mlp-spiral", "--lr", "abc"), "--lr");
        assertOneLineError(run("train", "mlp-spiral", "--device", "tpu"), "tpu");
        assertOneLineError(run("train", "mlp-spiral", "--no-such-option"), "--no-such-option");
        assertOneLineError(run("train", "mlp-spiral", "--resume"), "--resume needs --out");
    }

    @Test
    void missingOrMalformedDataFailsBeforeAnythingIsWritten() throws IOException {
        Path out = dir.resolve("run");
        assertOneLineError(run("train", "mlp-digits", "--data", dir.resolve("absent").toString(), "--out", out.toString()),
                "absent");
        Path idx = dir.resolve("idx");
        Files.createDirectories(idx);
        DigitsDataset.writeIdx(idx, DigitsDataset.trainTest(2, 1, 1));
        Path images = idx.resolve("train-images-idx3-ubyte.gz");
        byte[] good = Files.readAllBytes(images);
        Files.delete(images);
        Path plain = idx.resolve("train-images-idx3-ubyte");
        Files.write(plain, new byte[] {0x50, 0x4b, 3, 4, 0, 0, 0, 1});
        assertOneLineError(run("train", "mlp-digits", "--data", idx.toString(), "--out", out.toString()), "magic");
        Files.write(plain, Arrays.copyOf(gunzip(good), 100));
        assertOneLineError(run("train", "mlp-digits", "--data", idx.toString(), "--out", out.toString()), "truncated");
        assertFalse(Files.exists(out), "no output folder for a run that never started");
        assertOneLineError(run("train", "char-lstm", "--text", dir.resolve("none.txt").toString()), "none.txt");
        Path binary = dir.resolve("binary.txt");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertOneLineError(run("train", "char-lstm", "--text", binary.toString()), "not UTF-8");
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void unwritableOutputFolderIsRejected() throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        assertOneLineError(run("train", "mlp-spiral", "--out", file.toString()), "is a file");
        assertOneLineError(run("train", "mlp-spiral", "--out", file.resolve("sub").toString()), "not writable");
    }

    @Test
    void trainWritesItsFilesThenResumesAndEvaluates() throws IOException {
        Path out = dir.resolve("spiral");
        Run first = run("train", "mlp-spiral", "--epochs", "2", "--out", out.toString());
        assertEquals(0, first.code(), first.err());
        for (String f : List.of("checkpoint.safetensors", "metrics.csv", "loss.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        Run resumed = run("train", "mlp-spiral", "--epochs", "3", "--out", out.toString(), "--resume");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming from") && resumed.out().contains("at epoch 3 step 0"), resumed.out());
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(4, csv.size(), "header and one row per epoch over both runs: " + csv);
        assertTrue(csv.get(3).startsWith("3,"), csv.toString());
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }

        Run eval = run("eval", "mlp-spiral", "--checkpoint", out.resolve("checkpoint.safetensors").toString());
        assertEquals(0, eval.code(), eval.err());
        String accuracy = csv.get(3).split(",")[2];
        assertTrue(eval.out().contains("test_accuracy = " + String.format(java.util.Locale.ROOT, "%.4f",
                Double.parseDouble(accuracy))), eval.out() + " vs " + accuracy);

        Run wrongModel = run("eval", "mlp-digits", "--checkpoint", out.resolve("checkpoint.safetensors").toString(),
                "--data", dir.resolve("absent").toString());
        assertEquals(Main.BAD_INPUT, wrongModel.code());
        Run notGenerative = run("sample", "mlp-spiral", "--checkpoint", out.resolve("checkpoint.safetensors").toString(),
                "--out", dir.resolve("s.png").toString());
        assertOneLineError(notGenerative, "not a generative model");
    }

    @Test
    void doctorAndListAndBenchAnswer() {
        Run doctor = run("doctor");
        assertEquals(0, doctor.code());
        assertTrue(doctor.out().contains("cpu") && doctor.out().contains("usable") && doctor.out().contains("default device"),
                doctor.out());
        Run list = run("list");
        assertTrue(list.out().contains("lenet-digits") && list.out().contains("defaults:"), list.out());
        Run bench = run("bench", "--zoo", "--steps", "1", "--warmup", "0", "--batch-size", "8");
        assertEquals(0, bench.code(), bench.err());
        assertTrue(bench.out().lines().anyMatch(l -> l.startsWith("{\"case\":\"lenet-digits-train-step\"")
                && l.contains("\"ms_per_step\":")), bench.out());
        Run suite = run("bench", "sgemm_256_t1");
        assertEquals(0, suite.code(), suite.err());
        assertTrue(suite.out().lines().anyMatch(l -> l.contains("\"name\":\"sgemm_256_t1\"") && l.contains("\"gflops\":")),
                suite.out());
    }
}
