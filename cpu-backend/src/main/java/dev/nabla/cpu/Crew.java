package dev.nabla.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The worker threads behind {@link Parallel}: one range at a time, cut into chunks that the caller and the
 * workers take in turn from a shared counter, so a chunk never waits for a particular thread. A worker that
 * finds no new range spins for {@link #SPIN_NANOS} before it parks, so the next op of a training step (tens of
 * microseconds later) starts without a wake-up; a parked worker is unparked by the next range. The caller
 * waits for the last chunk the same way.
 *
 * <p>Why not a {@code ForkJoinPool}: its idle workers park at once, and waking one costs tens of
 * microseconds, while the caller, joining, ran the unstarted chunk itself; a 200 µs product split in two took
 * 178 µs instead of about 110 (OpenBLAS's threads spin too).
 */
final class Crew {

    /** How long an idle worker, or a caller waiting for the last chunk, spins before it parks. */
    private static final long SPIN_NANOS = 50_000;
    /** How long a waiting caller sleeps between checks once it has stopped spinning. */
    private static final long WAIT_NANOS = 20_000;

    private final Worker[] workers;
    /** Held by the caller whose range is running; a second caller runs its range alone. */
    private final AtomicBoolean busy = new AtomicBoolean();
    /** The running range, or null; workers watch it change. */
    private volatile Range current;
    private volatile boolean stopped;
    /** Numbers the ranges, so a worker knows one it has already worked on without holding on to it. */
    private long ranges;

    /** Starts {@code size} daemon workers named {@code nabla-cpu-i}. */
    Crew(int size) {
        workers = new Worker[size];
        for (int i = 0; i < size; i++) {
            workers[i] = new Worker(this, i);
            workers[i].start();
        }
    }

    /** Whether {@code t} is one of a crew's workers (a range started there runs inline). */
    static boolean isWorker(Thread t) {
        return t instanceof Worker;
    }

    /**
     * Runs {@code body} over {@code [0, n)} in {@code chunks} chunks with the workers' help and returns true, or
     * returns false at once, having run nothing, when the crew has no workers or is running another caller's range.
     */
    boolean run(int n, int chunks, Parallel.RangeBody body) {
        if (workers.length == 0 || !busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            Range range = new Range(++ranges, n, chunks, body);
            current = range;
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            range.work();
            range.await();
            range.rethrow();
            return true;
        } finally {
            current = null;
            busy.set(false);
        }
    }

    /** Ends the workers once they are idle. */
    void shutdown() {
        stopped = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
    }

    /** One range: its chunks, the next one to take, and how many have not ended yet. */
    private static final class Range {
        private final long id;
        private final int n;
        private final int chunks;
        private final Parallel.RangeBody body;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger pending;
        private volatile Throwable failure;

        Range(long id, int n, int chunks, Parallel.RangeBody body) {
            this.id = id;
            this.n = n;
            this.chunks = chunks;
            this.body = body;
            this.pending = new AtomicInteger(chunks);
        }

        /** Takes and runs chunks until none is left; a chunk's failure is kept for the caller. */
        void work() {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    pending.decrementAndGet();
                }
            }
        }

        /** Returns once every chunk has ended, spinning first and then sleeping between checks. */
        void await() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (pending.get() > 0) {
                if (System.nanoTime() < spinUntil) {
                    Thread.yield();
                } else {
                    LockSupport.parkNanos(WAIT_NANOS);
                }
            }
        }

        /** Throws a chunk's failure on the caller's thread, unchecked ones as they are. */
        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException("Parallel: a chunk failed", t);
            }
        }
    }

    /** A daemon thread that runs chunks of whatever range is current. */
    private static final class Worker extends Thread {
        private final Crew crew;
        /** Set while parked (or about to park), so a new range knows to unpark this worker. */
        volatile boolean parked;

        Worker(Crew crew, int index) {
            super("nabla-cpu-" + index);
            this.crew = crew;
            setDaemon(true);
        }

        @Override
        public void run() {
            long done = 0;
            while (!crew.stopped) {
                Range range = crew.current;
                if (range != null && range.id != done) {
                    done = range.id;
                    range.work();
                } else {
                    idle(done);
                }
            }
        }

        /** Spins until a range it has not seen appears or the spin time is up, then parks until unparked. */
        private void idle(long done) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (System.nanoTime() < spinUntil) {
                if (fresh(done) || crew.stopped) {
                    return;
                }
                Thread.yield();
            }
            parked = true;
            // the caller publishes the range before it reads parked: one of the two sees the other
            if (!fresh(done) && !crew.stopped) {
                LockSupport.park(this);
            }
            parked = false;
        }

        private boolean fresh(long done) {
            Range range = crew.current;
            return range != null && range.id != done;
        }
    }
}
