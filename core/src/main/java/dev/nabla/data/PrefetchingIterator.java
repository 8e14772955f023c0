package dev.nabla.data;

import java.lang.ref.Cleaner;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Assembles the batches of one epoch on a daemon thread, at most {@code capacity} ahead of the
 * consumer (a bounded queue), so that training does not wait on batch assembly. The thread ends
 * after the last batch, on an assembly error (re-thrown to the consumer as it was thrown), on
 * {@link #close()}, or once this iterator is unreachable: a {@link Cleaner} then stops it. For that,
 * the thread and the cleaning action hold only the {@link Producer}, never this iterator.
 */
final class PrefetchingIterator<B> implements Epoch<B> {

    /** Thread names start with this, so that tests and tools can find loader threads. */
    static final String THREAD_PREFIX = "nabla-data-loader-";

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Cleaner.Cleanable stopper;
    private Object next;
    private boolean over;

    /** An assembly error, carried through the queue to the consumer. */
    private record Failure(Throwable error) {
    }

    PrefetchingIterator(List<int[]> batches, Function<int[], B> assemble, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        Producer producer = new Producer(queue, batches, assemble);
        this.stopper = Cleaners.SHARED.register(this, producer::stop);
        producer.worker.start();
    }

    /** Stops the worker; kept by the loader, which stops an unfinished epoch when it starts the next. */
    Runnable stopper() {
        return stopper::clean;
    }

    @Override
    public boolean hasNext() {
        if (over) {
            return false;
        }
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("DataLoader: interrupted while waiting for the next batch", e);
            }
        }
        if (next instanceof Failure f) {
            close();
            throw Producer.<RuntimeException>rethrow(f.error());
        }
        if (next == END) {
            close();
            return false;
        }
        return true;
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

    @Override
    public void close() {
        over = true;
        next = null;
        stopper.clean();
    }

    /** The worker's side: the queue, the thread, and the stop flag. */
    private static final class Producer {
        private final BlockingQueue<Object> queue;
        private final Thread worker;
        private volatile boolean stopped;

        Producer(BlockingQueue<Object> queue, List<int[]> batches, Function<int[], ?> assemble) {
            this.queue = queue;
            this.worker = new Thread(() -> produce(batches, assemble), THREAD_PREFIX + THREADS.incrementAndGet());
            worker.setDaemon(true);
        }

        private void produce(List<int[]> batches, Function<int[], ?> assemble) {
            Object last;
            try {
                for (int[] indices : batches) {
                    Object batch = assemble.apply(indices);
                    if (stopped) {
                        return; // a dataset may swallow the interrupt; the flag still ends the thread
                    }
                    queue.put(batch);
                }
                last = END;
            } catch (InterruptedException e) {
                return; // stopped by the consumer or the cleaner
            } catch (Throwable e) {
                last = new Failure(e);
            }
            try {
                queue.put(last);
            } catch (InterruptedException e) {
                // stopped while the consumer was not reading: nobody needs the end marker
            }
        }

        /** Ends the thread and drops the queued batches (run at most once, by close or by the cleaner). */
        void stop() {
            stopped = true;
            worker.interrupt();
            queue.clear();
        }

        /** Throws {@code error} as it is, checked or not, as the consumer would have seen it without prefetch. */
        @SuppressWarnings("unchecked")
        static <T extends Throwable> T rethrow(Throwable error) throws T {
            throw (T) error;
        }
    }
}
