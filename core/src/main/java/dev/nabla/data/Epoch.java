package dev.nabla.data;

import java.util.Iterator;

/**
 * The batches of one epoch of a {@link DataLoader}. Close it when leaving the epoch early, most
 * simply with try-with-resources, to stop its prefetch thread at once:
 *
 * <pre>{@code
 * try (Epoch<Batch> epoch = loader.iterator()) {
 *     while (epoch.hasNext() && !done) { ... epoch.next() ... }
 * }
 * }</pre>
 *
 * An epoch that is neither finished nor closed is stopped anyway once it becomes unreachable (its
 * thread and queued batches are released after a garbage collection), or when its loader starts the
 * next epoch. When assembling a batch fails, {@code next()} throws the dataset's own exception,
 * unwrapped, with or without prefetching, and the epoch ends there.
 *
 * @param <B> the batch type
 */
public interface Epoch<B> extends Iterator<B>, AutoCloseable {

    /** Stops assembling batches; {@link #hasNext()} is false from then on. Closing twice is harmless. */
    @Override
    void close();
}
