package dev.nabla.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ranks that are threads of one JVM: for tests, and for several devices driven from one process.
 * Each collective meets at a barrier, every rank sums its share of the elements over all ranks in rank
 * order, and every rank copies the result, so all ranks hold the same bits. A rank that times out,
 * closes or calls a different collective breaks the barrier, and every rank fails.
 */
public final class LocalCommunicator extends RankedCommunicator {

    private final Group group;

    private LocalCommunicator(Group group, int rank) {
        super(rank, group.size);
        this.group = group;
    }

    /**
     * A group of {@code size} communicators, one per rank; hand each to its own thread.
     *
     * @param timeout how long a rank waits for the others in one collective
     */
    public static List<Communicator> group(int size, Duration timeout) {
        if (size < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("LocalCommunicator.group: need a size >= 1 and a positive timeout, got "
                    + size + " and " + timeout);
        }
        Group g = new Group(size, timeout);
        List<Communicator> out = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            out.add(new LocalCommunicator(g, r));
        }
        return out;
    }

    @Override
    void run(Collective c, HostArray data) {
        Round round = meet(c, data, null);
        if (c.kind() == Collective.Kind.BROADCAST) {
            if (rank() != c.root()) {
                data.copyOf(round.arrays[c.root()]);
            }
        } else {
            int from = (int) ((long) data.length() * rank() / size());
            int to = (int) ((long) data.length() * (rank() + 1) / size());
            round.result.sumOf(round.arrays, from, to);
            await(c.describe());
            data.copyOf(round.result);
        }
        await(c.describe());
    }

    @Override
    byte[][] gather(byte[] local) {
        Round round = meet(null, null, local.clone());
        byte[][] out = round.bytes.clone();
        await("allGather");
        return out;
    }

    @Override
    void release() {
        group.closed = true;
        group.barrier.reset();
    }

    /** Deposits this rank's part, waits for all, and returns the round with every part (or fails on a mismatch). */
    private Round meet(Collective c, HostArray data, byte[] bytes) {
        Round round = group.current;
        round.calls[rank()] = c;
        round.arrays[rank()] = data;
        round.bytes[rank()] = bytes;
        await(c == null ? "allGather" : c.describe());
        if (round.mismatch != null) {
            throw new CommunicatorException(who() + ": " + round.mismatch);
        }
        return round;
    }

    private void await(String what) {
        if (group.closed) {
            throw new CommunicatorException(who() + ": " + what + " failed: another rank closed or failed earlier");
        }
        try {
            group.barrier.await(group.timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new CommunicatorException(who() + ": " + what + " timed out after " + group.timeout.toMillis()
                    + " ms waiting for the other ranks", e);
        } catch (BrokenBarrierException e) {
            throw new CommunicatorException(who() + ": " + what + " failed: another rank timed out, failed or closed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommunicatorException(who() + ": " + what + " was interrupted", e);
        }
    }

    /** The state every rank of a group shares. */
    private static final class Group {
        final int size;
        final Duration timeout;
        final CyclicBarrier barrier;
        volatile Round current;
        volatile boolean closed;

        Group(int size, Duration timeout) {
            this.size = size;
            this.timeout = timeout;
            this.current = new Round(size);
            // runs once all ranks arrive: checks the first meeting of a round, then opens the next round
            this.barrier = new CyclicBarrier(size, this::onMeeting);
        }

        private void onMeeting() {
            Round r = current;
            if (!r.checked) {
                r.checked = true;
                r.check();
                if (r.calls[0] != null && r.mismatch == null) {
                    r.result = r.arrays[0] == null ? null : r.arrays[0].emptyLike();
                }
            }
            if (r.phaseDone()) {
                current = new Round(size);
            }
        }
    }

    /** One collective: each rank's call and data, the shared result. */
    private static final class Round {
        final Collective[] calls;
        final HostArray[] arrays;
        final byte[][] bytes;
        volatile boolean checked;
        volatile String mismatch;
        volatile HostArray result;
        private int meetings;

        Round(int size) {
            calls = new Collective[size];
            arrays = new HostArray[size];
            bytes = new byte[size][];
        }

        void check() {
            for (int r = 1; r < calls.length; r++) {
                boolean sameKind = (calls[r] == null) == (calls[0] == null);
                if (!sameKind || (calls[0] != null && !calls[r].equals(calls[0]))) {
                    mismatch = "the ranks called different collectives: rank 0 " + name(calls[0]) + ", rank " + r + " "
                            + name(calls[r]);
                    return;
                }
            }
        }


        /** Counts meetings; a round ends after its last one (2 for gathers and broadcasts, 3 for sums). */
        boolean phaseDone() {
            meetings++;
            Collective c = calls[0];
            int needed = c == null || c.kind() == Collective.Kind.BROADCAST ? 2 : 3;
            return meetings == needed || mismatch != null;
        }

        private static String name(Collective c) {
            return c == null ? "allGather" : c.describe();
        }
    }
}
