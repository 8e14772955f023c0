package dev.nabla.models.train;

import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import java.util.Arrays;

/**
 * Mini-batches of sample indices: a fresh seeded shuffle per epoch, a pure function of
 * {@code (seed, epoch)}, so that a resumed run draws exactly the batches an uninterrupted one would.
 * Made under a {@link DataShard}, each batch is this rank's slice of the global batch.
 */
public final class Batches {

    private final int count;
    private final int batchSize;
    private final long seed;
    private final Device device;
    private final DataShard shard;
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
        this.shard = DataShard.current();
        int last = count % this.batchSize;
        if (shard != null && (this.batchSize < shard.size() || (last != 0 && last < shard.size()))) {
            throw new IllegalArgumentException("batches: a batch of " + (this.batchSize < shard.size() ? this.batchSize : last)
                    + " samples cannot be shared by " + shard.size() + " workers; choose a batch size (and a data size) "
                    + "that leaves every worker a sample");
        }
    }

    /** Batches per epoch. */
    public int perEpoch() {
        return (count + batchSize - 1) / batchSize;
    }

    /** The sample indices of batch {@code step} of {@code epoch} (this rank's slice under a shard). */
    public int[] indices(int epoch, int step) {
        if (epoch != cachedEpoch) {
            order = permutation(count, new Generator(seed * 1_000_003L + epoch));
            cachedEpoch = epoch;
        }
        int from = step * batchSize;
        int to = Math.min(count, from + batchSize);
        return shard == null ? Arrays.copyOfRange(order, from, to)
                : Arrays.copyOfRange(order, from + shard.from(to - from), from + shard.to(to - from));
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
