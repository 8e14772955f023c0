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
import java.util.Map;
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
    void theSeedAloneDecidesARunSoTheSameCommandTwiceTrainsTheSameModel() throws IOException {
        // the first run moves this thread's default generator on; the second must start over from --seed all the same
        List<List<String>> metrics = new java.util.ArrayList<>();
        for (String name : List.of("a", "b")) {
            Path out = dir.resolve(name);
            Run r = run("train", "mlp-spiral", "--epochs", "1", "--seed", "7", "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            metrics.add(Files.readAllLines(out.resolve("metrics.csv")).stream()
                    .map(line -> line.substring(0, line.lastIndexOf(','))).toList()); // all but the seconds taken
        }
        assertEquals(metrics.get(0), metrics.get(1));
    }

    @Test
    void everySubcommandPrintsItsHelp() {
        Map<String, String> optionOf = Map.of("list", "--help", "train", "passes over the data", "eval", "--checkpoint",
                "sample", "--count", "bench", "--zoo", "doctor", "--version");
        optionOf.forEach((command, expected) -> {
            Run help = run(command, "--help");
            assertEquals(0, help.code(), command + ": " + help.err());
            assertTrue(help.out().startsWith("Usage: nabla " + command) && help.out().contains(expected),
                    command + ": " + help.out());
            assertEquals("", help.err(), command);
        });
        Run train = run("train", "--help");
        for (String option : List.of("--epochs", "--batch-size", "--lr", "--device", "--seed", "--data", "--text", "--out",
                "--resume", "--force", "--checkpoint-every")) {
            assertTrue(train.out().contains(option), option + " in " + train.out());
        }
    }

    @Test
    void theVersionIsTheBuildsOnEveryCommand() {
        String expected = "nabla " + System.getProperty("nabla.test.projectVersion");
        assertTrue(expected.length() > "nabla ".length() && !expected.contains("${"), expected);
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"train", "--version"})) {
            Run version = run(args);
            assertEquals(0, version.code(), version.err());
            assertEquals(expected, version.out().strip());
        }
    }

    @Test
    void zeroOrInvalidValuesAreRejectedNamingOnlyWhatWasGiven() {
        for (String option : List.of("--epochs", "--batch-size", "--lr")) {
            Run r = run("train", "mlp-spiral", option, "0");
            assertOneLineError(r, option + "': '0' is not a positive");
            assertFalse(r.err().contains("="), "no values of options never given: " + r.err());
        }
        assertOneLineError(run("train", "mlp-spiral", "--lr", "NaN"), "'NaN' is not a positive number");
        assertOneLineError(run("train", "mlp-spiral", "--out", dir.resolve("r").toString(), "--checkpoint-every", "0"),
                "'0' is neither a positive step count");
        assertOneLineError(run("sample", "vae-digits", "--checkpoint", "x", "--count", "0"), "'0' is not a positive");
        assertOneLineError(run("bench", "--zoo", "--steps", "0"), "--steps");
        assertOneLineError(run("train", "mlp-spiral", "--checkpoint-every", "10m"), "--checkpoint-every needs --out");
    }

    @Test
    void dataAndTextAreRefusedByModelsThatDoNotReadThem() {
        assertOneLineError(run("train", "mlp-spiral", "--data", dir.toString()), "--data is not read by mlp-spiral");
        Run text = run("train", "mlp-digits", "--text", dir.resolve("t.txt").toString());
        assertOneLineError(text, "--text is not read by mlp-digits; the models that read it: char-lstm");
        assertOneLineError(run("eval", "char-lstm", "--checkpoint", "x", "--data", dir.toString()), "--data is not read");
    }

    @Test
    void evalAndSampleHaveNoTrainingOptions() {
        assertOneLineError(run("eval", "mlp-spiral", "--checkpoint", "x", "--epochs", "3"), "Unknown options: '--epochs'");
        assertOneLineError(run("sample", "vae-digits", "--checkpoint", "x", "--lr", "0.1"), "Unknown options: '--lr'");
        assertOneLineError(run("eval", "mlp-spiral", "--checkpoint", "x", "--batch-size", "8"), "Unknown option");
    }

    @Test
    void aFolderHoldingARunIsReplacedOnlyWithForce() throws IOException {
        Path out = dir.resolve("run");
        assertEquals(0, run("train", "mlp-spiral", "--epochs", "2", "--out", out.toString()).code());
        Run again = run("train", "mlp-spiral", "--epochs", "1", "--out", out.toString());
        assertOneLineError(again, "already holds a run (checkpoint.safetensors, metrics.csv");
        assertTrue(again.err().contains("--resume") && again.err().contains("--force"), again.err());
        assertEquals(3, Files.readAllLines(out.resolve("metrics.csv")).size(), "the refused run changed nothing");
        assertOneLineError(run("train", "mlp-spiral", "--out", out.toString(), "--resume", "--force"), "pass one");

        Files.writeString(out.resolve("notes.txt"), "mine");
        Run forced = run("train", "mlp-spiral", "--epochs", "1", "--out", out.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
        assertTrue(forced.out().contains("replacing the run in " + out), forced.out());
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(2, csv.size(), "the new run's header and epoch only: " + csv);
        assertEquals("mine", Files.readString(out.resolve("notes.txt")), "--force removes only the run's files");
    }

    @Test
    void aResumeKeepsTheRunsOptionsAndCannotStretchAPlannedSchedule() throws IOException {
        Path idx = dir.resolve("idx");
        Files.createDirectories(idx);
        DigitsDataset.writeIdx(idx, DigitsDataset.trainTest(2, 1, 1));
        Path out = dir.resolve("digits");
        Run first = run("train", "mlp-digits", "--data", idx.toString(), "--epochs", "1", "--batch-size", "5", "--out",
                out.toString());
        assertEquals(0, first.code(), first.err());
        assertOneLineError(run("train", "mlp-digits", "--out", out.toString(), "--resume", "--epochs", "2"),
                "mlp-digits plans its training over the 1 epochs the run started with");
        assertOneLineError(run("train", "mlp-digits", "--out", out.toString(), "--resume"),
                "the run has finished all its 1 epochs; nothing to resume");
        assertOneLineError(run("train", "mlp-digits", "--out", out.toString(), "--resume", "--batch-size", "4"),
                "--batch-size 4 differs from the run's 5");
        // eval finds the run's data and split in the checkpoint
        Run eval = run("eval", "mlp-digits", "--checkpoint", out.resolve("checkpoint.safetensors").toString());
        assertEquals(0, eval.code(), eval.err());
        String accuracy = Files.readAllLines(out.resolve("metrics.csv")).get(1).split(",")[2];
        assertTrue(eval.out().contains("test_accuracy = " + String.format(java.util.Locale.ROOT, "%.4f",
                Double.parseDouble(accuracy))), eval.out() + " vs " + accuracy);
    }

    @Test
    void aFailedResumeSaysWhyWithoutWaiting() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertOneLineError(run("train", "mlp-spiral", "--out", empty.toString(), "--resume"),
                "holds no checkpoint.safetensors to continue");
        Path out = dir.resolve("cut");
        assertEquals(0, run("train", "mlp-spiral", "--epochs", "1", "--out", out.toString()).code());
        Path file = out.resolve("checkpoint.safetensors");
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 100));
        assertOneLineError(run("train", "mlp-spiral", "--epochs", "2", "--out", out.toString(), "--resume"),
                file.toString());
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
