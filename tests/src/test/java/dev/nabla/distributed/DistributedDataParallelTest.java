package dev.nabla.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.nn.Activation;
import dev.nabla.nn.BatchNorm1d;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.optim.GradClip;
import dev.nabla.optim.Optimizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Data parallelism against one process: two ranks, each on half of every global batch, must end with
 * the weights one model reaches on the whole batches (float32 tolerance), with Adam and gradient
 * clipping left as they are; rank 1 starts from other weights and must take rank 0's.
 */
class DistributedDataParallelTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int STEPS = 6;
    private static final int BATCH = 16;

    private static Sequential mlp(long seed, int hidden) {
        Generator.manualSeed(seed);
        Sequential m = new Sequential(new Linear(4, hidden), Activation.tanh(), new Linear(hidden, 3));
        m.to(Device.CPU);
        return m;
    }

    private static Tensor inputs(int step) {
        return Tensor.normal(new Generator(100 + step), 0, 1, DType.FLOAT32, Device.CPU, BATCH, 4);
    }

    private static Tensor labels(int step) {
        return Tensor.randint(new Generator(200 + step), 0, 3, Device.CPU, BATCH);
    }

    /** One step of the caller's unchanged loop: zero, backward, clip, step. */
    private static void step(Optimizer opt, Module model, Tensor logits, Tensor y) {
        opt.zeroGrad();
        Functional.crossEntropy(logits, y).backward();
        GradClip.clipGradNorm(model.parameters(), 0.5);
        opt.step();
    }

    private static Map<String, Tensor> single() {
        Sequential model = mlp(1, 8);
        Adam opt = new Adam(model.parameters(), Adam.options(0.05));
        for (int s = 0; s < STEPS; s++) {
            step(opt, model, model.forward(inputs(s)), labels(s));
        }
        return model.stateDict();
    }

    private static List<Map<String, Tensor>> distributed(Ranks.Kind kind, long bucketBytes) {
        List<Sequential> models = List.of(mlp(1, 8), mlp(99, 8));
        return Ranks.run(kind.group(2, TIMEOUT), TIMEOUT, (rank, c) -> {
            Sequential model = models.get(rank);
            try (DistributedDataParallel ddp = new DistributedDataParallel(model, c, bucketBytes)) {
                Adam opt = new Adam(model.parameters(), Adam.options(0.05));
                int half = BATCH / 2;
                for (int s = 0; s < STEPS; s++) {
                    Tensor x = inputs(s).narrow(0, rank * half, half);
                    Tensor y = labels(s).narrow(0, rank * half, half);
                    step(opt, model, ddp.forward(x), y);
                }
            }
            return model.stateDict();
        }).stream().map(Ranks.Outcome::get).toList();
    }

    @ParameterizedTest
    @EnumSource(Ranks.Kind.class)
    void twoRanksOnHalfBatchesMatchOneProcessOnWholeBatches(Ranks.Kind kind) {
        Map<String, Tensor> expected = single();
        for (long bucket : new long[] {DistributedDataParallel.DEFAULT_BUCKET_BYTES, 64}) {
            List<Map<String, Tensor>> ranks = distributed(kind, bucket);
            for (Map<String, Tensor> got : ranks) {
                expected.forEach((name, t) -> assertArrayEquals(t.toFloatArray(), got.get(name).toFloatArray(), 2e-5f,
                        name + " with buckets of " + bucket + " bytes"));
            }
            ranks.get(0).forEach((name, t) -> assertArrayEquals(t.toFloatArray(), ranks.get(1).get(name).toFloatArray(),
                    name + ": the ranks must hold the same bits"));
        }
    }

    @ParameterizedTest
    @EnumSource(Ranks.Kind.class)
    void mismatchedParameterShapesFailOnEveryRank(Ranks.Kind kind) {
        List<Sequential> models = List.of(mlp(1, 8), mlp(1, 9));
        var out = Ranks.run(kind.group(2, TIMEOUT), TIMEOUT, (rank, c) -> new DistributedDataParallel(models.get(rank), c));
        for (var o : out) {
            assertInstanceOf(IllegalArgumentException.class, o.error());
            assertTrue(o.error().getMessage().contains("0.weight parameter [8, 4] float32 where rank 1 has 0.weight parameter [9, 4]"),
                    o.error().getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Ranks.Kind.class)
    void batchNormStatisticsFollowRankZero(Ranks.Kind kind) {
        List<Sequential> models = new ArrayList<>();
        for (long seed : new long[] {3, 4}) {
            Generator.manualSeed(seed);
            models.add((Sequential) new Sequential(new Linear(4, 6), new BatchNorm1d(6), Activation.relu(), new Linear(6, 3))
                    .to(Device.CPU));
        }
        var out = Ranks.run(kind.group(2, TIMEOUT), TIMEOUT, (rank, c) -> {
            Sequential model = models.get(rank);
            DistributedDataParallel ddp = new DistributedDataParallel(model, c);
            Adam opt = new Adam(model.parameters(), Adam.options(0.01));
            for (int s = 0; s < 3; s++) {
                step(opt, model, ddp.forward(inputs(s).narrow(0, rank * 8, 8)), labels(s).narrow(0, rank * 8, 8));
            }
            float[] ownStats = model.stateDict().get("1.running_mean").toFloatArray();
            ddp.broadcastBuffers();
            ddp.close();
            return new float[][] {ownStats, model.stateDict().get("1.running_mean").toFloatArray(),
                model.stateDict().get("3.weight").toFloatArray()};
        }).stream().map(Ranks.Outcome::get).toList();
        assertFalse(java.util.Arrays.equals(out.get(0)[0], out.get(1)[0]), "each rank updates statistics from its own batch");
        assertArrayEquals(out.get(0)[0], out.get(1)[1], "after a broadcast rank 1 holds rank 0's statistics");
        assertArrayEquals(out.get(0)[2], out.get(1)[2], "the weights stay identical");
    }
}
