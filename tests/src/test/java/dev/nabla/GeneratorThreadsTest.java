package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.Parameter;
import dev.nabla.nn.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The default generator is per thread: a thread that seeds and then builds a model gets the same
 * weights whatever other threads seed or draw meanwhile.
 */
class GeneratorThreadsTest {

    /** The weights of a small model built from the calling thread's default generator, in parameter order. */
    private static List<float[]> buildWeights() {
        Module model = new Sequential(new Conv2d(1, 4, 3), new Linear(36, 10));
        List<float[]> weights = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            weights.add(p.get().toFloatArray());
        }
        return weights;
    }

    private static List<float[]> seededBuild(long seed) {
        Generator.manualSeed(seed);
        return buildWeights();
    }

    private static void assertSameWeights(List<float[]> expected, List<float[]> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), what + ", parameter " + i);
        }
    }

    @AfterEach
    void restoreTheDefaultSeed() {
        Generator.manualSeed(Generator.DEFAULT_SEED);
    }

    @Test
    void anotherThreadsSeedDoesNotReachThisThread() throws Exception {
        List<float[]> alone1 = seededBuild(1);
        List<float[]> alone2 = seededBuild(2);
        // a fixed interleaving: A seeds, then B seeds, then both build
        CountDownLatch aSeeded = new CountDownLatch(1);
        CountDownLatch bSeeded = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<float[]>> a = pool.submit(() -> {
                Generator.manualSeed(1);
                aSeeded.countDown();
                bSeeded.await();
                return buildWeights();
            });
            Future<List<float[]>> b = pool.submit(() -> {
                aSeeded.await();
                Generator.manualSeed(2);
                bSeeded.countDown();
                return buildWeights();
            });
            assertSameWeights(alone1, a.get(), "thread A (seed 1)");
            assertSameWeights(alone2, b.get(), "thread B (seed 2)");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentSeededBuildsEqualTheirSingleThreadedBuilds() throws Exception {
        List<float[]> alone1 = seededBuild(11);
        List<float[]> alone2 = seededBuild(22);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int trial = 0; trial < 200; trial++) {
                CyclicBarrier start = new CyclicBarrier(2);
                Future<List<float[]>> a = pool.submit(() -> {
                    start.await();
                    return seededBuild(11);
                });
                Future<List<float[]>> b = pool.submit(() -> {
                    start.await();
                    return seededBuild(22);
                });
                assertSameWeights(alone1, a.get(), "trial " + trial + ", seed 11");
                assertSameWeights(alone2, b.get(), "trial " + trial + ", seed 22");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyNewThreadStartsAtTheDefaultSeed() throws Exception {
        Generator.manualSeed(99);
        float[] elsewhere = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        }).submit(() -> Tensor.rand(5).toFloatArray()).get();
        assertArrayEquals(Tensor.uniform(new Generator(Generator.DEFAULT_SEED), 0, 1, DType.FLOAT32, Device.best(), 5)
                .toFloatArray(), elsewhere);
    }
}
