package dev.nabla.models.train;

import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import java.util.Arrays;

/**
 * Mini-batches of sample indices: a fresh seeded shuffle per epoch, a pure function of
 * {@code (seed, epoch)}, so that a resumed run draws exactly the batches an uninterrupted one would.
 */
public final class Batches {

    private final int count;
    private final int batchSize;
    private final long seed;
    private final Device device;
    private int cachedEpoch = -1;
    private int[] order;

    /**
     * @param count samples in the data set
     * @param batchSize samples per batch (the last batch of an epoch may be smaller)
     * @param seed the run's seed
     * @param device where index tensors are placed
     */
    public Batches(int count, int batchSize, long seed, Device device) {
        if (count <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("batches: need samples and a positive batch size, got " + count
                    + " samples and batch size " + batchSize);
        }
        this.count = count;
        this.batchSize = Math.min(batchSize, count);
        this.seed = seed;
        this.device = device;
    }

    /** Batches per epoch. */
    public int perEpoch() {
        return (count + batchSize - 1) / batchSize;
    }

    /** The sample indices of batch {@code step} of {@code epoch}. */
    public int[] indices(int epoch, int step) {
        if (epoch != cachedEpoch) {
            order = permutation(count, new Generator(seed * 1_000_003L + epoch));
            cachedEpoch = epoch;
        }
        int from = step * batchSize;
        return Arrays.copyOfRange(order, from, Math.min(count, from + batchSize));
    }

    /** {@link #indices} as an INT64 tensor on the device, for {@code indexSelect}. */
    public Tensor tensor(int epoch, int step) {
        int[] idx = indices(epoch, step);
        return Tensor.ofIndices(idx, idx.length).to(device);
    }

    /**
     * A generator for the random choices of one training step (noise, masks, windows), a pure
     * function of the seed, epoch and step so that resumed runs draw the same values.
     */
    public static Generator stepGenerator(long seed, int epoch, int step) {
        return new Generator(seed * 1_000_003L + (long) epoch * 100_003L + step);
    }

    /** A seeded Fisher–Yates shuffle of {@code 0..n-1}. */
    public static int[] permutation(int n, Generator gen) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = gen.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
