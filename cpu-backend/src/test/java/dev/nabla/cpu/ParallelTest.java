package dev.nabla.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The shared pool: every index once, small work inline, large work split. */
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
    void largeWorkUsesSeveralThreadsWhenAvailable() {
        int before = Parallel.threads();
        Parallel.setThreads(3);
        try {
            Set<String> names = ConcurrentHashMap.newKeySet();
            AtomicInteger chunks = new AtomicInteger();
            Parallel.forRange(3000, 1000, (from, to) -> {
                names.add(Thread.currentThread().getName());
                chunks.incrementAndGet();
                assertEquals(1000, to - from);
            });
            assertEquals(3, chunks.get(), "one chunk per thread");
            // the caller takes the first chunk; the pool (whose workers may steal each other's) the rest
            assertTrue(names.contains(Thread.currentThread().getName()), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.startsWith("nabla-cpu-")), names.toString());
        } finally {
            Parallel.setThreads(before);
        }
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    }
}
