package dev.nabla.data;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** An epoch whose batches are assembled on the caller's thread, one per {@link #next()} (prefetch 0). */
final class SequentialEpoch<B> implements Epoch<B> {

    private final Iterator<int[]> batches;
    private final Function<int[], B> assemble;
    private boolean over;

    SequentialEpoch(List<int[]> batches, Function<int[], B> assemble) {
        this.batches = batches.iterator();
        this.assemble = assemble;
    }

    @Override
    public boolean hasNext() {
        return !over && batches.hasNext();
    }

    @Override
    public B next() {
        if (!hasNext()) {
            throw new NoSuchElementException("DataLoader: the epoch has no more batches");
        }
        try {
            return assemble.apply(batches.next());
        } catch (RuntimeException | Error e) {
            over = true; // an assembly error ends the epoch, as it does with prefetching
            throw e;
        }
    }

    @Override
    public void close() {
        over = true;
    }
}
