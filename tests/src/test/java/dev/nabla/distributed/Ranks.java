package dev.nabla.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/** Runs one function per rank, each on its own thread, and collects what each returned or threw. */
final class Ranks {

    private Ranks() {
    }

    /** What one rank returned, or the exception it threw, and how long it took. */
    record Outcome<T>(T value, Throwable error, long millis) {
        T get() {
            if (error != null) {
                throw new AssertionError("the rank failed: " + error, error);
            }
            return value;
        }
    }

    /** How the two communicator implementations are made, for parameterized tests. */
    enum Kind {
        LOCAL, TCP;

        List<Communicator> group(int size, Duration timeout) {
            return this == LOCAL ? LocalCommunicator.group(size, timeout) : TcpCommunicator.loopbackGroup(size, timeout);
        }
    }

    /** Runs {@code body(rank, communicator)} for every communicator, closing them afterwards; fails the test after {@code limit}. */
    static <T> List<Outcome<T>> run(List<Communicator> group, Duration limit, BiFunction<Integer, Communicator, T> body) {
        ExecutorService pool = Executors.newFixedThreadPool(group.size());
        try {
            List<Future<Outcome<T>>> futures = new ArrayList<>();
            for (Communicator c : group) {
                futures.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    try {
                        return new Outcome<>(body.apply(c.rank(), c), null, (System.nanoTime() - start) / 1_000_000);
                    } catch (RuntimeException | AssertionError e) {
                        return new Outcome<>(null, e, (System.nanoTime() - start) / 1_000_000);
                    }
                }));
            }
            List<Outcome<T>> out = new ArrayList<>();
            long deadline = System.nanoTime() + limit.toNanos();
            for (Future<Outcome<T>> f : futures) {
                out.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return out;
        } catch (TimeoutException e) {
            throw new AssertionError("a rank hung past " + limit, e);
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
            group.forEach(Communicator::close);
        }
    }
}
