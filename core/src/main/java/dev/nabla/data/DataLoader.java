package dev.nabla.data;

import dev.nabla.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Iterates over a dataset in mini-batches, one epoch per {@link #iterator()}. The batch order
 * comes from a {@link BatchSampler} (sequential, seeded shuffle, or length buckets) and is drawn
 * on the caller's thread, so a seeded run is reproducible whatever the prefetching; batches are
 * then assembled on a background daemon thread, a bounded number ahead, unless prefetch is 0.
 * Each epoch is an {@link Epoch}: close it (try-with-resources) to leave it early; one left
 * unfinished is stopped when the next starts or once it is unreachable. A dataset's exception
 * reaches the caller of {@code next()} as it was thrown, with or without prefetching.
 *
 * <pre>{@code
 * DataLoader<Batch> train = DataLoader.builder(trainSet, 64).shuffle(new Generator(1)).dropLast(true).build();
 * for (Batch b : train) { ... }
 * }</pre>
 *
 * @param <B> the batch type
 */
public final class DataLoader<B> implements Iterable<B> {

    private final BatchSampler sampler;
    private final Function<int[], B> assemble;
    private final int prefetch;
    private Runnable stopRunning;
    private long epochs;

    private DataLoader(BatchSampler sampler, Function<int[], B> assemble, int prefetch) {
        this.sampler = sampler;
        this.assemble = assemble;
        this.prefetch = prefetch;
    }

    /** A loader over a tensor dataset, gathering each batch with one indexSelect per tensor. */
    public static Builder<Batch> builder(TensorDataset dataset, int batchSize) {
        return new Builder<>(dataset.size(), batchSize, dataset::batch);
    }

    /** A loader over examples, collated by stacking ({@link Batch#stack}). */
    public static Builder<Batch> builder(Dataset<Example> dataset, int batchSize) {
        return builder(dataset, batchSize, Batch::stack);
    }

    /** A loader over any dataset with a custom collate function. */
    public static <T, B> Builder<B> builder(Dataset<T> dataset, int batchSize, Function<List<T>, B> collate) {
        return new Builder<>(dataset.size(), batchSize, indices -> {
            List<T> samples = new ArrayList<>(indices.length);
            for (int i : indices) {
                samples.add(dataset.get(i));
            }
            return collate.apply(samples);
        });
    }

    /**
     * Starts an epoch: draws the batch order now and returns the batches. Starting a new epoch
     * stops the prefetch thread of a previous one that was left unfinished.
     */
    @Override
    public Epoch<B> iterator() {
        List<int[]> batches = sampler.nextEpoch();
        epochs++;
        if (stopRunning != null) {
            stopRunning.run();
            stopRunning = null;
        }
        if (prefetch == 0) {
            return new SequentialEpoch<>(batches, assemble);
        }
        PrefetchingIterator<B> epoch = new PrefetchingIterator<>(batches, assemble, prefetch);
        stopRunning = epoch.stopper(); // not the epoch itself, so that an abandoned one can be collected
        return epoch;
    }

    /** The number of epochs started. */
    public long epochs() {
        return epochs;
    }

    /** Configures a {@link DataLoader}. */
    public static final class Builder<B> {
        private final int size;
        private final Function<int[], B> assemble;
        private final int batchSize;
        private Generator shuffle;
        private boolean dropLast;
        private int prefetch = 2;
        private BatchSampler sampler;

        private Builder(int size, int batchSize, Function<int[], B> assemble) {
            this.size = size;
            this.batchSize = batchSize;
            this.assemble = assemble;
        }

        /** Shuffles every epoch with {@code gen} (the default is sequential order). */
        public Builder<B> shuffle(Generator gen) {
            this.shuffle = gen;
            return this;
        }

        /** Drops the last batch when it is short. */
        public Builder<B> dropLast(boolean value) {
            this.dropLast = value;
            return this;
        }

        /** The number of batches assembled ahead on the background thread (0: assemble on the caller's thread); default 2. */
        public Builder<B> prefetch(int batches) {
            if (batches < 0) {
                throw new IllegalArgumentException("DataLoader.prefetch: must be >= 0, got " + batches);
            }
            this.prefetch = batches;
            return this;
        }

        /** Uses {@code sampler} for the batch order (e.g. a {@link BucketSampler}) instead of batch size, shuffle and drop-last. */
        public Builder<B> sampler(BatchSampler sampler) {
            this.sampler = sampler;
            return this;
        }

        /** The loader. */
        public DataLoader<B> build() {
            BatchSampler s = sampler != null ? sampler : new IndexBatchSampler(size, batchSize, shuffle, dropLast);
            return new DataLoader<>(s, assemble, prefetch);
        }
    }
}
