package dev.nabla.cpu;

/**
 * The one shared thread pool of the CPU backend.
 *
 * <p>Work is split into contiguous index ranges of at least {@code grain} items so that tiny
 * operations run on the calling thread and never pay for a task hand-off; the chunks are shared with the
 * {@link Crew}'s workers, which spin briefly between ops. The number of threads comes from the system property
 * {@code nabla.cpu.threads} (default: available processors).
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
    private static volatile Crew crew = new Crew(threads - 1);

    private Parallel() {
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
            Crew old = crew;
            crew = new Crew(n - 1);
            threads = n;
            old.shutdown();
        }
    }

    /**
     * Runs {@code body} over {@code [0, n)}, split into at most {@link #threads()} chunks of at
     * least {@code grain} items; runs inline when one chunk suffices, when already on a worker
     * (nested parallelism would only add overhead) or while another thread's range holds the workers.
     */
    public static void forRange(int n, int grain, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int chunks = (int) Math.min(threads, Math.max(1, n / (long) Math.max(1, grain)));
        if (chunks <= 1 || Crew.isWorker(Thread.currentThread()) || !crew.run(n, chunks, body)) {
            body.run(0, n);
        }
    }
}
