package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DataLoaderTest {

    /** Ten samples: feature row i = (i, 10i), label i. */
    private static TensorDataset tenSamples() {
        double[][] rows = new double[10][];
        for (int i = 0; i < 10; i++) {
            rows[i] = new double[] {i, 10 * i};
        }
        return new TensorDataset(Tensor.of(rows), Tensor.arange(10));
    }

    /** The label sequence of one epoch, checking that features travel with their labels. */
    private static List<Integer> epochLabels(DataLoader<Batch> loader, List<Integer> batchSizes) {
        List<Integer> labels = new ArrayList<>();
        for (Batch b : loader) {
            int[] y = b.targets().toIntArray();
            double[] x = b.inputs().toDoubleArray();
            for (int i = 0; i < y.length; i++) {
                assertEquals(y[i], x[2 * i]);
                assertEquals(10.0 * y[i], x[2 * i + 1]);
                labels.add(y[i]);
            }
            batchSizes.add(b.size());
        }
        return labels;
    }

    @Test
    void sequentialLoaderKeepsOrderAndTheShortLastBatch() {
        List<Integer> sizes = new ArrayList<>();
        List<Integer> labels = epochLabels(DataLoader.builder(tenSamples(), 3).build(), sizes);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), labels);
        assertEquals(List.of(3, 3, 3, 1), sizes);
    }

    @Test
    void shuffledEpochsCoverEverySampleOnceAndDifferFromEachOther() {
        DataLoader<Batch> loader = DataLoader.builder(tenSamples(), 4).shuffle(new Generator(42)).build();
        List<Integer> first = epochLabels(loader, new ArrayList<>());
        List<Integer> second = epochLabels(loader, new ArrayList<>());
        for (List<Integer> epoch : List.of(first, second)) {
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), epoch.stream().sorted().toList());
        }
        assertNotEquals(first, second);
        DataLoader<Batch> again = DataLoader.builder(tenSamples(), 4).shuffle(new Generator(42)).build();
        assertEquals(first, epochLabels(again, new ArrayList<>()));
        assertEquals(second, epochLabels(again, new ArrayList<>()));
        DataLoader<Batch> otherSeed = DataLoader.builder(tenSamples(), 4).shuffle(new Generator(43)).build();
        assertNotEquals(first, epochLabels(otherSeed, new ArrayList<>()));
    }

    @Test
    void dropLastDropsTheShortBatch() {
        List<Integer> sizes = new ArrayList<>();
        List<Integer> labels = epochLabels(DataLoader.builder(tenSamples(), 4).shuffle(new Generator(1)).dropLast(true)
                .build(), sizes);
        assertEquals(List.of(4, 4), sizes);
        assertEquals(8, labels.stream().distinct().count());
    }

    @Test
    void stackingCollationMatchesTheTensorPath() {
        TensorDataset ds = tenSamples();
        Dataset<Example> generic = new Subset<>(ds, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        Iterator<Batch> viaStack = DataLoader.builder(generic, 5).shuffle(new Generator(9)).prefetch(0).build().iterator();
        Iterator<Batch> viaIndex = DataLoader.builder(ds, 5).shuffle(new Generator(9)).build().iterator();
        while (viaIndex.hasNext()) {
            Batch a = viaStack.next();
            Batch b = viaIndex.next();
            assertArrayEquals(b.inputs().toDoubleArray(), a.inputs().toDoubleArray(), 0);
            assertArrayEquals(b.targets().toLongArray(), a.targets().toLongArray());
            assertEquals(b.inputs().shape(), a.inputs().shape());
        }
        assertFalse(viaStack.hasNext());
    }

    private static long liveLoaderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("nabla-data-loader-") && t.isAlive()).count();
    }

    private static void awaitNoLoaderThreads() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (liveLoaderThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, liveLoaderThreads(), "the loader thread must exit");
    }

    @Test
    void prefetchAssemblesAheadBoundedByTheQueueAndTheThreadExits() throws InterruptedException {
        AtomicInteger assembled = new AtomicInteger();
        Dataset<Integer> numbers = new Dataset<>() {
            @Override
            public int size() {
                return 20;
            }

            @Override
            public Integer get(int index) {
                return index;
            }
        };
        DataLoader<List<Integer>> loader = DataLoader.builder(numbers, 2, (List<Integer> l) -> {
            assembled.incrementAndGet();
            return l;
        }).prefetch(3).build();
        Iterator<List<Integer>> it = loader.iterator();
        assertEquals(List.of(0, 1), it.next());
        // while the consumer is busy, the background thread fills the queue: 1 taken + 3 queued + 1 blocked in put
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (assembled.get() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(50);
        assertEquals(5, assembled.get(), "prefetch must run ahead of the consumer, bounded by the queue");
        List<Integer> rest = new ArrayList<>();
        it.forEachRemaining(rest::addAll);
        assertEquals(18, rest.size());
        assertEquals(10, assembled.get());
        awaitNoLoaderThreads();
    }

    @Test
    void abandonedEpochThreadStopsWhenTheNextEpochStarts() throws InterruptedException {
        DataLoader<Batch> loader = DataLoader.builder(tenSamples(), 1).prefetch(1).build();
        loader.iterator().next();
        assertTrue(liveLoaderThreads() >= 1);
        Iterator<Batch> next = loader.iterator();
        next.forEachRemaining(b -> { });
        awaitNoLoaderThreads();
        assertEquals(2, loader.epochs());
    }

    /** The numbers {@code 0 .. size-1}, except that reading sample 2 throws {@code error}. */
    private static Dataset<Integer> corruptAtTwo(int size, RuntimeException error) {
        return new Dataset<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Integer get(int index) {
                if (index == 2) {
                    throw error;
                }
                return index;
            }
        };
    }

    @Test
    void assemblyErrorsReachTheConsumer() {
        Dataset<Integer> broken = corruptAtTwo(4, new IllegalStateException("sample 2 is corrupt"));
        Iterator<List<Integer>> it = DataLoader.builder(broken, 2, (List<Integer> l) -> l).build().iterator();
        assertEquals(List.of(0, 1), it.next());
        var e = assertThrows(IllegalStateException.class, it::next);
        assertTrue(e.getMessage().contains("sample 2 is corrupt"), e.getMessage());
    }

    @Test
    void anEpochClosedThroughThePublicTypeStopsItsThread() throws InterruptedException {
        DataLoader<Batch> loader = DataLoader.builder(tenSamples(), 1).prefetch(2).build();
        Epoch<Batch> left;
        try (Epoch<Batch> epoch = loader.iterator()) {
            assertEquals(0, epoch.next().targets().toLongArray()[0]);
            left = epoch;
        }
        assertFalse(left.hasNext(), "a closed epoch has no more batches");
        awaitNoLoaderThreads();
        try (Epoch<Batch> sequential = DataLoader.builder(tenSamples(), 1).prefetch(0).build().iterator()) {
            sequential.next();
            sequential.close();
            assertFalse(sequential.hasNext());
        }
    }

    /** Starts an epoch of its own loader, takes one batch and drops both, leaving the prefetch thread parked. */
    private static void abandonOneEpoch() {
        DataLoader<Batch> loader = DataLoader.builder(tenSamples(), 1).prefetch(2).build();
        loader.iterator().next();
    }

    /** Collects garbage until no loader thread is left (the cleaner stops them), for up to 10 s; the threads left. */
    private static long loaderThreadsAfterGc() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (liveLoaderThreads() > 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        return liveLoaderThreads();
    }

    @Test
    void abandonedEpochsAreReleasedOnceUnreachable() throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            abandonOneEpoch();
        }
        assertEquals(0, loaderThreadsAfterGc(), "50 abandoned epochs must not keep 50 parked threads and their batches");
    }

    @Test
    void anAbandonedEpochOfALiveLoaderIsReleasedToo() throws InterruptedException {
        DataLoader<Batch> loader = DataLoader.builder(tenSamples(), 1).prefetch(2).build();
        loader.iterator().next();
        assertEquals(0, loaderThreadsAfterGc(), "the loader must not keep its abandoned epoch reachable");
        assertEquals(1, loader.epochs());
    }

    /** A dataset's own exception type, to see whether the loader wraps it. */
    private static final class CorruptSample extends RuntimeException {
        CorruptSample(String message) {
            super(message);
        }
    }

    @Test
    void aDatasetExceptionReachesTheCallerUnwrappedWithAndWithoutPrefetch() {
        Dataset<Integer> broken = corruptAtTwo(6, new CorruptSample("sample 2 is corrupt"));
        for (int prefetch : new int[] {0, 1, 3}) {
            Epoch<List<Integer>> epoch = DataLoader.builder(broken, 2, (List<Integer> l) -> l).prefetch(prefetch).build()
                    .iterator();
            assertEquals(List.of(0, 1), epoch.next());
            CorruptSample e = assertThrows(CorruptSample.class, epoch::next, "prefetch " + prefetch);
            assertEquals("sample 2 is corrupt", e.getMessage());
            assertFalse(epoch.hasNext(), "the epoch ends at the failure, prefetch " + prefetch);
        }
    }

    @Test
    void subsetOfTensorDatasetKeepsRows() {
        TensorDataset sub = tenSamples().subset(new int[] {7, 2});
        assertArrayEquals(new long[] {7, 2}, sub.labels().toLongArray());
        assertEquals(Arrays.toString(new double[] {7, 70}), Arrays.toString(sub.get(0).input().toDoubleArray()));
    }
}
