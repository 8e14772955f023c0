package dev.nabla.distributed;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;

/**
 * What every communicator shares: argument checks, staging of tensors through host arrays, the mean
 * as a sum then a division, and the rule that a failed collective leaves the communicator broken.
 * Implementations move host arrays ({@link #run}) and byte strings ({@link #gather}).
 */
abstract class RankedCommunicator implements Communicator {

    private final int rank;
    private final int size;
    private volatile CommunicatorException failure;
    private volatile boolean closed;

    RankedCommunicator(int rank, int size) {
        if (size < 1 || rank < 0 || rank >= size) {
            throw new IllegalArgumentException("Communicator: rank " + rank + " is outside a group of size " + size);
        }
        this.rank = rank;
        this.size = size;
    }

    @Override
    public final int rank() {
        return rank;
    }

    @Override
    public final int size() {
        return size;
    }

    /**
     * Runs {@code c} over {@code data} in place: SUM, MEAN (as a sum), BROADCAST (non-roots pass
     * zeros or their own values; only the root's must survive) or BARRIER.
     */
    abstract void run(Collective c, HostArray data);

    /** Every rank's bytes, by rank. */
    abstract byte[][] gather(byte[] local);

    /** Releases sockets, threads or the group slot. */
    abstract void release();

    @Override
    public final void allReduce(Tensor tensor, ReduceOp op) {
        checkReduce(tensor.dtype(), op);
        HostArray host = HostArray.download(tensor);
        reduce(Collective.allReduce(op, tensor.dtype(), host.length()), host);
        writeBack(tensor, host);
    }

    @Override
    public final void allReduce(float[] data, ReduceOp op) {
        reduce(Collective.allReduce(op, DType.FLOAT32, data.length), HostArray.of(data));
    }

    @Override
    public final void allReduce(double[] data, ReduceOp op) {
        reduce(Collective.allReduce(op, DType.FLOAT64, data.length), HostArray.of(data));
    }

    @Override
    public final void broadcast(Tensor tensor, int root) {
        if (root < 0 || root >= size) {
            throw new IllegalArgumentException("broadcast: root " + root + " is outside a group of size " + size);
        }
        HostArray host = HostArray.download(tensor);
        execute(new Collective(Collective.Kind.BROADCAST, root, tensor.dtype(), host.length()), host);
        writeBack(tensor, host);
    }

    @Override
    public final byte[][] allGather(byte[] local) {
        requireUsable("allGather");
        try {
            return size == 1 ? new byte[][] {local.clone()} : gather(local);
        } catch (CommunicatorException e) {
            throw fail(e);
        }
    }

    @Override
    public final void barrier() {
        execute(new Collective(Collective.Kind.BARRIER, -1, DType.INT64, 1), HostArray.of(new long[1]));
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    /** Names this rank in messages: {@code "rank 1/4"}. */
    final String who() {
        return "rank " + rank + "/" + size;
    }

    private static void checkReduce(DType dtype, ReduceOp op) {
        if (op == ReduceOp.MEAN && !dtype.isFloating()) {
            throw new IllegalArgumentException("allReduce: MEAN needs a floating tensor, got " + dtype.name());
        }
    }

    private void reduce(Collective c, HostArray host) {
        execute(c, host);
        if (c.kind() == Collective.Kind.MEAN) {
            host.divide(size);
        }
    }

    private void execute(Collective c, HostArray host) {
        requireUsable(c.describe());
        if (size == 1) {
            return;
        }
        try {
            run(c, host);
        } catch (CommunicatorException e) {
            throw fail(e);
        }
    }

    private void requireUsable(String what) {
        CommunicatorException earlier = failure;
        if (earlier != null) {
            throw new CommunicatorException(who() + ": " + what + " on a communicator broken by an earlier failure: "
                    + earlier.getMessage(), earlier);
        }
        if (closed) {
            throw new CommunicatorException(who() + ": " + what + " on a closed communicator");
        }
    }

    /** Records the first failure, releases the resources (so peers fail fast too) and returns the error. */
    private CommunicatorException fail(CommunicatorException e) {
        if (failure == null) {
            failure = e;
        }
        closed = true;
        release();
        return e;
    }

    private static void writeBack(Tensor tensor, HostArray host) {
        try (GradMode ignored = Autograd.noGradScope()) {
            tensor.copyFrom(host.toTensor(tensor.shape().toArray()).to(tensor.device()));
        }
    }
}
