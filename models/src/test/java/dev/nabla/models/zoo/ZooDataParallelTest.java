package dev.nabla.models.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.distributed.Communicator;
import dev.nabla.distributed.LocalCommunicator;
import dev.nabla.distributed.TcpCommunicator;
import dev.nabla.io.TrainingCheckpoint;
import dev.nabla.models.cli.Main;
import dev.nabla.models.distributed.ZooWorker;
import dev.nabla.models.train.CheckpointCadence;
import dev.nabla.models.train.TrainingLoop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Data-parallel training of zoo models: one epoch of LeNet and of the digit MLP on two ranks, each on
 * half of every global batch, must end with the weights of one process trained on the whole global
 * batches (float32 tolerance), over the in-process communicator, the TCP ring, and Spark
 * ({@code nabla train --spark local[2]}, where rank 0 alone writes the run folder).
 */
class ZooDataParallelTest {

    private static final int BATCH = 32;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

    private static TrainOptions options(ZooModel model) {
        return new TrainOptions(1, BATCH, 0, Device.CPU, 3, SmallData.digits(), null).resolve(model.defaults());
    }

    /** One process on the global batches: a group of one. */
    private static Map<String, Tensor> single(ZooModel model) {
        return ranks(model, n -> LocalCommunicator.group(n, TIMEOUT), 1).get(0);
    }

    private static List<Map<String, Tensor>> ranks(ZooModel model, Function<Integer, List<Communicator>> group, int n) {
        List<Communicator> comms = group.apply(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Map<String, Tensor>>> runs = new ArrayList<>();
            for (Communicator c : comms) {
                runs.add(pool.submit(() -> ZooWorker.train(model, options(model), c, null, false,
                        CheckpointCadence.EPOCHS_ONLY, Map.of(), QUIET).state()));
            }
            List<Map<String, Tensor>> out = new ArrayList<>();
            for (Future<Map<String, Tensor>> f : runs) {
                out.add(f.get());
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
            comms.forEach(Communicator::close);
        }
    }

    private static void assertClose(Map<String, Tensor> expected, Map<String, Tensor> got, String what) {
        assertEquals(expected.keySet(), got.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v.toFloatArray(), got.get(k).toFloatArray(), 5e-5f, what + ": " + k));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lenet-digits", "mlp-digits"})
    void twoRanksMatchOneProcessInProcessAndOverTcp(String name) {
        ZooModel model = Zoo.get(name);
        Map<String, Tensor> expected = single(model);
        List<Map<String, Tensor>> local = ranks(model, n -> LocalCommunicator.group(n, TIMEOUT), 2);
        assertClose(expected, local.get(0), name + " in-process");
        assertClose(local.get(0), local.get(1), name + " rank 1");
        List<Map<String, Tensor>> tcp = ranks(model, n -> TcpCommunicator.loopbackGroup(n, TIMEOUT), 2);
        assertClose(expected, tcp.get(0), name + " TCP");
        assertClose(tcp.get(0), tcp.get(1), name + " TCP rank 1");
    }

    @Test
    void sparkLocalTwoTrainsLeNetAndMlpLikeOneProcessAndOnlyRankZeroWrites(@TempDir Path dir) throws IOException {
        for (String name : new String[] {"lenet-digits", "mlp-digits"}) {
            Path out = dir.resolve(name);
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream old = System.out;
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            int code;
            try {
                code = Main.run("train", name, "--data", SmallData.digits().toString(), "--epochs", "1", "--batch-size",
                        String.valueOf(BATCH), "--seed", "3", "--device", "cpu", "--spark", "local[2]", "--workers", "2",
                        "--out", out.toString());
            } finally {
                System.setOut(old);
            }
            String text = printed.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, text);
            assertTrue(text.contains("test_accuracy = "), text);
            Map<String, Tensor> trained = TrainingCheckpoint.load(out.resolve(TrainingLoop.CHECKPOINT)).modelState();
            assertClose(single(Zoo.get(name)), trained, name + " on Spark");
            try (var files = Files.list(out)) {
                List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
                assertTrue(names.contains(TrainingLoop.METRICS), names.toString());
                assertFalse(names.stream().anyMatch(n -> n.endsWith(".tmp")), names.toString());
            }
            assertEquals(2, Files.readAllLines(out.resolve(TrainingLoop.METRICS)).size(), "one header and one epoch row");
        }
    }

    @Test
    void badSparkOptionsAreOneLineErrors() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(Main.BAD_INPUT, Main.run("train", "mlp-spiral", "--workers", "2"));
            assertEquals(Main.BAD_INPUT, Main.run("train", "mlp-spiral", "--spark", "local[1]", "--workers", "2"));
        } finally {
            System.setErr(old);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("--workers needs --spark"), text);
        assertTrue(text.contains("--workers 2 needs 2 task slots at once, but local[1] has 1"), text);
    }

    @Test
    void aBatchTooSmallToShareIsRefused() {
        ZooModel model = Zoo.get("mlp-digits");
        TrainOptions tiny = new TrainOptions(1, 1, 0, Device.CPU, 3, SmallData.digits(), null).resolve(model.defaults());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ZooWorker.open(model, tiny, 0, 2));
        assertTrue(e.getMessage().contains("cannot be shared by 2 workers"), e.getMessage());
    }
}
