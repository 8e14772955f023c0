package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.Parameter;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.AdamW;
import dev.nabla.optim.GradClip;
import dev.nabla.optim.LrScheduler;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.Schedule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Train N+M steps straight vs N steps, save, restore into fresh objects, M more steps: identical bits. */
class TrainingCheckpointTest {

    private static final int N = 6;
    private static final int M = 5;

    @TempDir
    Path dir;

    private final Tensor inputs = Tensor.normal(new Generator(100), 0, 1, dev.nabla.DType.FLOAT32, dev.nabla.Device.best(), 32, 4);
    private final Tensor labels = Tensor.randint(new Generator(101), 0, 3, dev.nabla.Device.best(), 32);

    /** The objects of one training run. */
    private static final class Run {
        final Module model;
        final Optimizer optimizer;
        final LrScheduler scheduler;
        Generator sampler;

        Run(long initSeed, long samplerSeed) {
            Generator.manualSeed(initSeed);
            model = new Sequential(new Linear(4, 8), Activation.tanh(), new Linear(8, 3));
            optimizer = new AdamW(model.parameters(), AdamW.options(0.05).amsgrad(true));
            scheduler = new LrScheduler(optimizer, Schedule.linearWarmup(3, 0.1, Schedule.cosine(10, 0.001)));
            sampler = new Generator(samplerSeed);
        }
    }

    private void train(Run run, int steps) {
        for (int s = 0; s < steps; s++) {
            int[] idx = new int[8];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = run.sampler.nextInt(32);
            }
            Tensor index = Tensor.ofIndices(idx);
            run.optimizer.zeroGrad();
            Functional.crossEntropy(run.model.forward(inputs.indexSelect(0, index)), labels.indexSelect(0, index)).backward();
            GradClip.clipGradNorm(run.model.parameters(), 1.0);
            run.optimizer.step();
            run.scheduler.step();
        }
    }

    private static List<float[]> weights(Module m) {
        return m.parameters().stream().map(Parameter::get).map(Tensor::toFloatArray).toList();
    }

    @Test
    void resumedTrainingIsBitIdenticalToAnUninterruptedRun() throws IOException {
        Run straight = new Run(1, 5);
        train(straight, N + M);

        Run first = new Run(1, 5);
        train(first, N);
        Path file = dir.resolve("ckpt.safetensors");
        TrainingCheckpoint.capture(first.model, first.optimizer, first.scheduler, first.sampler, N, 2,
                Map.of("run", "resume-test")).save(file);

        Run resumed = new Run(99, 0); // different initial weights and sampler: everything must come from the file
        assertFalse(Arrays.equals(weights(straight.model).get(0), weights(resumed.model).get(0)));
        TrainingCheckpoint ckpt = TrainingCheckpoint.load(file);
        ckpt.restore(resumed.model, resumed.optimizer, resumed.scheduler);
        resumed.sampler = ckpt.generator();
        assertEquals(N, ckpt.step());
        assertEquals(2, ckpt.epoch());
        assertEquals(Map.of("run", "resume-test"), ckpt.metadata());
        train(resumed, M);

        List<float[]> expected = weights(straight.model);
        List<float[]> actual = weights(resumed.model);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "parameter " + i + " differs after resuming");
        }
        assertEquals(straight.scheduler.lr(), resumed.scheduler.lr(), 0);
        assertEquals(straight.sampler.offset(), resumed.sampler.offset());
    }

    @Test
    void loadRejectsAPlainSafetensorsFile() throws IOException {
        Path file = dir.resolve("plain.safetensors");
        SafeTensors.write(file, Map.of("w", Tensor.zeros(2)));
        var e = assertThrows(IllegalArgumentException.class, () -> TrainingCheckpoint.load(file));
        assertEquals(true, e.getMessage().contains("not a training checkpoint"), e.getMessage());
    }

    @Test
    void reservedMetadataKeysAreRefused() {
        Run run = new Run(1, 5);
        assertThrows(IllegalArgumentException.class, () -> TrainingCheckpoint.capture(run.model, null, null, null, 0, 0,
                Map.of("nabla.step", "7")));
    }
}
