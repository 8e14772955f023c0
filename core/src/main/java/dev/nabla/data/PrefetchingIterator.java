package dev.nabla.data;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Assembles the batches of one epoch on a daemon thread, at most {@code capacity} ahead of the
 * consumer (a bounded queue), so that training does not wait on batch assembly. The thread ends
 * after the last batch, on an assembly error (re-thrown to the consumer), or on {@link #close()}.
 */
final class PrefetchingIterator<B> implements Iterator<B>, AutoCloseable {

    /** Thread names start with this, so that tests and tools can find loader threads. */
    static final String THREAD_PREFIX = "nabla-data-loader-";

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Object END = new Object();

    /** An assembly error, carried through the queue to the consumer. */
    private record Failure(Throwable error) {
    }

    private final BlockingQueue<Object> queue;
    private final Thread worker;
    private Object next;

    PrefetchingIterator(List<int[]> batches, Function<int[], B> assemble, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = new Thread(() -> produce(batches, assemble), THREAD_PREFIX + THREADS.incrementAndGet());
        worker.setDaemon(true);
        worker.start();
    }

    private void produce(List<int[]> batches, Function<int[], B> assemble) {
        try {
            try {
                for (int[] indices : batches) {
                    queue.put(assemble.apply(indices));
                }
                queue.put(END);
            } catch (RuntimeException | Error e) {
                queue.put(new Failure(e));
            }
        } catch (InterruptedException e) {
            // closed by the consumer: stop quietly
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("DataLoader: interrupted while waiting for the next batch", e);
            }
        }
        if (next instanceof Failure f) {
            next = END;
            throw new IllegalStateException("DataLoader: assembling a batch failed: " + f.error(), f.error());
        }
        return next != END;
    }

    @Override
    @SuppressWarnings("unchecked")
    public B next() {
        if (!hasNext()) {
            throw new NoSuchElementException("DataLoader: the epoch has no more batches");
        }
        B out = (B) next;
        next = null;
        return out;
    }

    /** Stops the worker (a consumer that leaves the epoch early). */
    @Override
    public void close() {
        worker.interrupt();
    }
}
