package dev.nabla.distributed;

import dev.nabla.Tensor;

/**
 * A group of {@link #size()} ranks that exchange data in collectives. Every rank must call the same
 * collectives in the same order with the same sizes; a rank that calls another one, passes another
 * size, dies or stays silent past the timeout makes the collective fail with a
 * {@link CommunicatorException} on every rank instead of hanging. Results are identical on every rank
 * (bit for bit), and tensors on any device are staged through host memory.
 */
public interface Communicator extends AutoCloseable {

    /** This process's index in the group, {@code 0 .. size() - 1}. */
    int rank();

    /** The number of ranks in the group. */
    int size();

    /**
     * Replaces {@code tensor}'s elements, in place, by their sum or mean over all ranks.
     *
     * @param tensor FLOAT32, FLOAT64 or (for {@link ReduceOp#SUM}) INT64, on any device, same shape on every rank
     * @throws IllegalArgumentException for an unsupported dtype
     * @throws CommunicatorException when the collective fails
     */
    void allReduce(Tensor tensor, ReduceOp op);

    /** {@link #allReduce(Tensor, ReduceOp)} of a host array, in place. */
    void allReduce(float[] data, ReduceOp op);

    /** {@link #allReduce(Tensor, ReduceOp)} of a host array, in place. */
    void allReduce(double[] data, ReduceOp op);

    /**
     * Replaces {@code tensor}'s elements, in place, on every rank by those of rank {@code root}.
     *
     * @throws IllegalArgumentException for a root outside the group
     */
    void broadcast(Tensor tensor, int root);

    /**
     * Every rank's {@code local} bytes, indexed by rank (lengths may differ): for exchanging small
     * descriptions such as parameter shapes or addresses.
     */
    byte[][] allGather(byte[] local);

    /** Returns once every rank has called it. */
    void barrier();

    /** Releases the group's resources; a peer still inside a collective fails with a {@link CommunicatorException}. */
    @Override
    void close();
}
