package dev.nabla.models.train;

/**
 * Which share of every global batch this process trains on, in data-parallel training: rank
 * {@code r} of {@code n} takes the {@code r}-th of {@code n} consecutive slices (sizes differ by at
 * most one). It is set around {@code ZooModel.open} on the opening thread, and each {@link Batches}
 * made meanwhile keeps it, so the zoo's sessions shard without knowing about it.
 */
public final class DataShard implements AutoCloseable {

    private static final ThreadLocal<DataShard> CURRENT = new ThreadLocal<>();

    private final int rank;
    private final int size;
    private final DataShard previous;

    private DataShard(int rank, int size, DataShard previous) {
        this.rank = rank;
        this.size = size;
        this.previous = previous;
    }

    /**
     * Makes {@code Batches} created on this thread, until {@link #close()}, yield rank {@code rank}'s slice.
     *
     * @throws IllegalArgumentException for a rank outside {@code 0 .. size - 1}
     */
    public static DataShard enter(int rank, int size) {
        if (size < 1 || rank < 0 || rank >= size) {
            throw new IllegalArgumentException("data shard: rank " + rank + " is outside a group of " + size);
        }
        DataShard shard = new DataShard(rank, size, CURRENT.get());
        CURRENT.set(shard);
        return shard;
    }

    /** The shard set on this thread, or null when every batch is whole. */
    static DataShard current() {
        return CURRENT.get();
    }

    /** The number of ranks sharing each batch. */
    int size() {
        return size;
    }

    /** This rank's slice {@code [from, to)} of a batch of {@code length}. */
    int from(int length) {
        return (int) ((long) length * rank / size);
    }

    /** The end of this rank's slice of a batch of {@code length}. */
    int to(int length) {
        return (int) ((long) length * (rank + 1) / size);
    }

    @Override
    public void close() {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
