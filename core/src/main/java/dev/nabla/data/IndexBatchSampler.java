package dev.nabla.data;

import dev.nabla.Generator;
import java.util.List;
import java.util.stream.IntStream;

/** Batches of {@code 0..size-1} in order, or in a fresh seeded permutation every epoch when given a generator. */
public final class IndexBatchSampler implements BatchSampler {

    private final int size;
    private final int batchSize;
    private final Generator shuffle;
    private final boolean dropLast;

    /**
     * A sampler over {@code size} samples.
     *
     * @param shuffle the generator that orders each epoch, or null for sequential order
     */
    public IndexBatchSampler(int size, int batchSize, Generator shuffle, boolean dropLast) {
        if (size < 0 || batchSize <= 0) {
            throw new IllegalArgumentException("IndexBatchSampler: need size >= 0 and batchSize > 0, got size=" + size
                    + " batchSize=" + batchSize);
        }
        this.size = size;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
    }

    @Override
    public List<int[]> nextEpoch() {
        int[] order = shuffle != null ? Shuffling.permutation(size, shuffle) : IntStream.range(0, size).toArray();
        return BatchSampler.chunk(order, batchSize, dropLast);
    }
}
