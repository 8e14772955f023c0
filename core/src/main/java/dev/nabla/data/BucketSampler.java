package dev.nabla.data;

import dev.nabla.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Length-bucketed batching for variable-length sequences: samples are sorted by length (ties in
 * a fresh random order), cut into batches of similar lengths so that padding is small, and the
 * batches are visited in a seeded random order each epoch.
 */
public final class BucketSampler implements BatchSampler {

    private final int[] lengths;
    private final int batchSize;
    private final Generator gen;
    private final boolean dropLast;

    /**
     * A sampler over samples whose sequence lengths are {@code lengths}.
     *
     * @param gen the generator for tie-breaking and batch order
     */
    public BucketSampler(int[] lengths, int batchSize, Generator gen, boolean dropLast) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("BucketSampler: batchSize must be > 0, got " + batchSize);
        }
        this.lengths = lengths.clone();
        this.batchSize = batchSize;
        this.gen = gen;
        this.dropLast = dropLast;
    }

    @Override
    public List<int[]> nextEpoch() {
        Integer[] order = Arrays.stream(Shuffling.permutation(lengths.length, gen)).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(i -> lengths[i]));
        List<int[]> batches = BatchSampler.chunk(Arrays.stream(order).mapToInt(Integer::intValue).toArray(), batchSize,
                dropLast);
        List<int[]> shuffled = new ArrayList<>();
        for (int b : Shuffling.permutation(batches.size(), gen)) {
            shuffled.add(batches.get(b));
        }
        return shuffled;
    }
}
