package dev.nabla.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The shared workers: every index once, small work inline, large work split, failures and concurrent callers handled. */
class ParallelTest {

    @Test
    void everyIndexIsVisitedExactlyOnce() {
        for (int n : new int[] {1, 7, 1000, 100_003}) {
            AtomicIntegerArray hits = new AtomicIntegerArray(n);
            Parallel.forRange(n, 10, (from, to) -> {
                for (int i = from; i < to; i++) {
                    hits.incrementAndGet(i);
                }
            });
            for (int i = 0; i < n; i++) {
                assertEquals(1, hits.get(i), "index " + i + " of " + n);
            }
        }
        Parallel.forRange(0, 1, (from, to) -> {
            throw new AssertionError("no work for n = 0");
        });
    }

    @Test
    void largeWorkUsesSeveralThreadsWhenAvailable() throws Exception {
        int before = Parallel.threads();
        Parallel.setThreads(3);
        try {
            Set<String> names = ConcurrentHashMap.newKeySet();
            AtomicInteger chunks = new AtomicInteger();
            // every chunk waits until two have started: only a second thread can release the first
            CountDownLatch twoStarted = new CountDownLatch(2);
            Parallel.forRange(3000, 1000, (from, to) -> {
                names.add(Thread.currentThread().getName());
                chunks.incrementAndGet();
                assertEquals(1000, to - from);
                twoStarted.countDown();
                try {
                    assertTrue(twoStarted.await(10, TimeUnit.SECONDS), "no second thread took a chunk");
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals(3, chunks.get(), "one chunk per thread");
            // who takes which chunk is a race (the caller or a spinning worker may come first); a worker took one
            assertTrue(names.stream().anyMatch(n -> n.startsWith("nabla-cpu-")), names.toString());
        } finally {
            Parallel.setThreads(before);
        }
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    }

    @Test
    void aChunksFailureReachesTheCallerAfterEveryChunkHasEnded() {
        int before = Parallel.threads();
        Parallel.setThreads(2);
        try {
            AtomicInteger ended = new AtomicInteger();
            var e = assertThrows(IllegalStateException.class, () -> Parallel.forRange(2, 1, (from, to) -> {
                try {
                    if (from == 1) {
                        throw new IllegalStateException("chunk 1 failed");
                    }
                } finally {
                    ended.incrementAndGet();
                }
            }));
            assertEquals("chunk 1 failed", e.getMessage());
            assertEquals(2, ended.get(), "the caller returned before the other chunk ended");
            // the workers are free again
            AtomicInteger sum = new AtomicInteger();
            Parallel.forRange(10, 1, (from, to) -> sum.addAndGet(to - from));
            assertEquals(10, sum.get());
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void concurrentAndNestedCallersEachVisitTheirOwnRangeOnce() throws Exception {
        int before = Parallel.threads();
        Parallel.setThreads(2);
        try {
            int callers = 4;
            int n = 20_000;
            AtomicIntegerArray hits = new AtomicIntegerArray(callers * n);
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            List<Future<?>> done = new ArrayList<>();
            for (int k = 0; k < callers; k++) {
                int base = k * n;
                done.add(pool.submit(() -> {
                    for (int round = 0; round < 50; round++) {
                        // a nested forRange inside a chunk runs inline on whatever thread holds the chunk
                        Parallel.forRange(n / 100, 1, (from, to) -> Parallel.forRange(100 * (to - from), 10,
                                (a, b) -> {
                                    for (int i = a; i < b; i++) {
                                        hits.incrementAndGet(base + 100 * from + i);
                                    }
                                }));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            for (int i = 0; i < callers * n; i++) {
                assertEquals(50, hits.get(i), "index " + i);
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
