package dev.nabla.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.ArrayList;
import java.util.List;

/**
 * The one shared thread pool of the CPU backend.
 *
 * <p>Work is split into contiguous index ranges of at least {@code grain} items so that tiny
 * operations run on the calling thread and never pay for a task hand-off. The number of threads
 * comes from the system property {@code nabla.cpu.threads} (default: available processors).
 */
public final class Parallel {

    /** A body that processes the index range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        /** Processes items {@code from} (inclusive) to {@code to} (exclusive). */
        void run(int from, int to);
    }

    private static volatile int threads = Math.max(1,
            Integer.getInteger("nabla.cpu.threads", Runtime.getRuntime().availableProcessors()));
    private static volatile ForkJoinPool pool = newPool(threads);

    private Parallel() {
    }

    private static ForkJoinPool newPool(int n) {
        return new ForkJoinPool(n, p -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("nabla-cpu-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    /** The number of worker threads parallel loops may use. */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the number of worker threads (used by benchmarks to compare 1 and N threads).
     *
     * @param n at least 1
     */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Parallel.setThreads: thread count must be >= 1, got " + n);
        }
        if (n != threads) {
            ForkJoinPool old = pool;
            pool = newPool(n);
            threads = n;
            old.shutdown();
        }
    }

    /**
     * Runs {@code body} over {@code [0, n)}, split into at most {@link #threads()} chunks of at
     * least {@code grain} items; runs inline when one chunk suffices or when already on a pool
     * thread (nested parallelism would only add overhead).
     */
    public static void forRange(int n, int grain, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int chunks = (int) Math.min(threads, Math.max(1, n / (long) Math.max(1, grain)));
        if (chunks <= 1 || ForkJoinTask.inForkJoinPool()) {
            body.run(0, n);
            return;
        }
        List<ForkJoinTask<?>> tasks = new ArrayList<>(chunks - 1);
        ForkJoinPool p = pool;
        for (int c = 1; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            tasks.add(p.submit(() -> body.run(from, to)));
        }
        body.run(0, (int) ((long) n / chunks));
        for (ForkJoinTask<?> t : tasks) {
            t.join();
        }
    }
}
