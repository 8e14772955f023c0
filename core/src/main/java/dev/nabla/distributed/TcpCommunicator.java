package dev.nabla.distributed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ranks in separate processes joined in a ring over TCP: each rank sends to its successor and
 * receives from its predecessor. An all-reduce is a reduce-scatter then an all-gather over
 * {@code size} chunks (sizes need not divide evenly), so each rank sends and receives about
 * {@code 2 (size - 1) / size} times the data whatever the group size; chunks stream in segments of
 * {@value Frames#SEGMENT_BYTES} bytes. Sending and receiving run on two threads of their own, so a
 * ring whose sockets are full cannot deadlock. A broadcast is a sum to which only the root contributes,
 * a barrier a one-element sum.
 *
 * <p>Failures reach every rank: a rank that fails (a timeout, a closed connection, a mismatched call)
 * sends the reason to its successor, which passes it on, and closes its sockets, so its neighbours fail
 * at once rather than at their timeout.
 */
public final class TcpCommunicator extends RankedCommunicator {

    private static final Duration ABORT_GRACE = Duration.ofSeconds(1);

    private final Duration timeout;
    private final SocketChannel toNext;
    private final SocketChannel fromPrevious;
    private final String next;
    private final String previous;
    private final Frames.Writer writer;
    private final Frames.Reader reader;
    private final ExecutorService sender;
    private final ExecutorService receiver;
    private long calls;

    private TcpCommunicator(int rank, int size, Duration timeout, SocketChannel toNext, SocketChannel fromPrevious,
            String next, String previous) {
        super(rank, size);
        this.timeout = timeout;
        this.toNext = toNext;
        this.fromPrevious = fromPrevious;
        this.next = next;
        this.previous = previous;
        this.writer = toNext == null ? null : new Frames.Writer(toNext);
        this.reader = fromPrevious == null ? null : new Frames.Reader(fromPrevious, previous);
        this.sender = Executors.newSingleThreadExecutor(daemon("nabla-ring-send-" + rank));
        this.receiver = Executors.newSingleThreadExecutor(daemon("nabla-ring-receive-" + rank));
    }

    /**
     * A listening socket on an ephemeral port of {@code address}: open it first, publish its
     * address to the other ranks, then {@link #connect}.
     */
    public static ServerSocketChannel listen(InetAddress address) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(address, 0));
        return listener;
    }

    /**
     * Joins the ring.
     *
     * @param rank this rank
     * @param members every rank's listening address, indexed by rank
     * @param listener this rank's listener (its address is {@code members.get(rank)}); closed here
     * @param timeout how long any step may wait for a peer, connecting included
     * @throws CommunicatorException when a peer cannot be reached or answers wrongly within the timeout
     */
    public static TcpCommunicator connect(int rank, List<InetSocketAddress> members, ServerSocketChannel listener,
            Duration timeout) {
        int size = members.size();
        if (rank < 0 || rank >= size || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("TcpCommunicator.connect: rank " + rank + " of " + size
                    + " members with timeout " + timeout);
        }
        String who = "rank " + rank + "/" + size;
        if (size == 1) {
            closeQuietly(listener);
            return new TcpCommunicator(rank, 1, timeout, null, null, "", "");
        }
        int nextRank = (rank + 1) % size;
        int previousRank = (rank + size - 1) % size;
        String next = "rank " + nextRank + " (" + members.get(nextRank) + ")";
        String previous = "rank " + previousRank + " (" + members.get(previousRank) + ")";
        long deadline = System.nanoTime() + timeout.toNanos();
        SocketChannel out = null;
        try {
            out = dial(members.get(nextRank), deadline, who, next);
            ByteBuffer hello = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            hello.putInt(Frames.MAGIC).putInt(rank).putInt(size).flip();
            while (hello.hasRemaining()) {
                out.write(hello);
            }
            SocketChannel in = accept(listener, deadline, who, previous, previousRank, size);
            return new TcpCommunicator(rank, size, timeout, out, in, next, previous);
        } catch (IOException e) {
            closeQuietly(out);
            throw new CommunicatorException(who + ": cannot join the ring: " + e.getMessage(), e);
        } finally {
            closeQuietly(listener);
        }
    }

    /**
     * A ring of {@code size} ranks in this JVM over loopback sockets, one communicator per rank (for
     * tests and benchmarks of the TCP path without separate processes).
     */
    public static List<Communicator> loopbackGroup(int size, Duration timeout) {
        List<ServerSocketChannel> listeners = new ArrayList<>();
        List<InetSocketAddress> members = new ArrayList<>();
        try {
            for (int r = 0; r < size; r++) {
                ServerSocketChannel l = listen(InetAddress.getLoopbackAddress());
                listeners.add(l);
                members.add((InetSocketAddress) l.getLocalAddress());
            }
        } catch (IOException e) {
            listeners.forEach(TcpCommunicator::closeQuietly);
            throw new CommunicatorException("loopbackGroup: cannot listen on loopback: " + e.getMessage(), e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(size, daemon("nabla-ring-connect"));
        try {
            List<Future<TcpCommunicator>> joined = new ArrayList<>();
            for (int r = 0; r < size; r++) {
                int rank = r;
                joined.add(pool.submit(() -> connect(rank, members, listeners.get(rank), timeout)));
            }
            List<Communicator> out = new ArrayList<>();
            for (Future<TcpCommunicator> f : joined) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof CommunicatorException ce ? ce
                    : new CommunicatorException("loopbackGroup: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommunicatorException("loopbackGroup: interrupted", e);
        } finally {
            pool.shutdown();
        }
    }

    @Override
    void run(Collective c, HostArray data) {
        long seq = ++calls;
        if (c.kind() == Collective.Kind.BROADCAST && rank() != c.root()) {
            data.zero();
        }
        int n = size();
        int r = rank();
        int steps = 2 * (n - 1);
        try {
            for (int s = 0; s < n - 1; s++) {
                exchange(c, seq, data, Math.floorMod(r - s, n), Math.floorMod(r - s - 1, n), true, s, steps);
            }
            for (int s = 0; s < n - 1; s++) {
                exchange(c, seq, data, Math.floorMod(r + 1 - s, n), Math.floorMod(r - s, n), false, n - 1 + s, steps);
            }
        } catch (CommunicatorException e) {
            throw abort(e);
        }
    }

    @Override
    byte[][] gather(byte[] local) {
        long seq = ++calls;
        int n = size();
        int r = rank();
        byte[][] items = new byte[n][];
        items[r] = local.clone();
        try {
            for (int s = 0; s < n - 1; s++) {
                byte[] outgoing = items[Math.floorMod(r - s, n)];
                int into = Math.floorMod(r - s - 1, n);
                Frames.Header h = new Frames.Header(Frames.DATA, -1, -1, -1, -1, seq, outgoing.length);
                Future<?> sent = sender.submit(() -> {
                    writer.write(h, outgoing);
                    return null;
                });
                Future<byte[]> received = receiver.submit(() -> {
                    Frames.Header got = reader.header();
                    expect("allGather", got, -1, -1, -1, -1, seq);
                    return reader.bytes(got.payload());
                });
                items[into] = await(received, "allGather", s, n - 1, previous);
                await(sent, "allGather", s, n - 1, next);
            }
        } catch (CommunicatorException e) {
            throw abort(e);
        }
        return items;
    }

    @Override
    void release() {
        closeQuietly(toNext);
        closeQuietly(fromPrevious);
        sender.shutdownNow();
        receiver.shutdownNow();
    }

    /** One ring step: send chunk {@code out}, receive chunk {@code in} and add it or store it. */
    private void exchange(Collective c, long seq, HostArray data, int out, int in, boolean add, int step, int steps) {
        int length = data.length();
        int n = size();
        int outFrom = bound(length, out, n);
        int outTo = bound(length, out + 1, n);
        int inFrom = bound(length, in, n);
        int inTo = bound(length, in + 1, n);
        int perSegment = Frames.SEGMENT_BYTES / c.dtype().byteSize();
        Future<?> sent = sender.submit(() -> {
            int from = outFrom;
            do {
                int count = Math.min(perSegment, outTo - from);
                int start = from;
                writer.write(header(c, seq, count), b -> data.put(b, start, count));
                from += count;
            } while (from < outTo);
            return null;
        });
        Future<?> received = receiver.submit(() -> {
            int from = inFrom;
            do {
                int count = Math.min(perSegment, inTo - from);
                Frames.Header h = reader.header();
                expect(c.describe(), h, c.kind().ordinal(), c.root(), c.dtype().ordinal(), c.count(), seq);
                if (h.payload() != count * c.dtype().byteSize()) {
                    throw new CommunicatorException(who() + ": " + previous + " sent a segment of " + h.payload()
                            + " bytes where " + count * c.dtype().byteSize() + " were due in " + c.describe());
                }
                ByteBuffer payload = reader.payload(h.payload());
                if (add) {
                    data.add(payload, from, count);
                } else {
                    data.get(payload, from, count);
                }
                from += count;
            } while (from < inTo);
            return null;
        });
        await(received, c.describe(), step, steps, previous);
        await(sent, c.describe(), step, steps, next);
    }

    private static Frames.Header header(Collective c, long seq, int count) {
        return new Frames.Header(Frames.DATA, c.kind().ordinal(), c.root(), c.dtype().ordinal(), c.count(), seq,
                count * c.dtype().byteSize());
    }

    /** Checks that the predecessor is in the same collective call as this rank. */
    private void expect(String what, Frames.Header h, int kind, int root, int dtype, int count, long seq) {
        if (h.type() != Frames.DATA || h.kind() != kind || h.root() != root || h.dtype() != dtype || h.count() != count
                || h.seq() != seq) {
            throw new CommunicatorException(who() + ": the ranks called different collectives: this rank called " + what
                    + " (call #" + seq + "), its predecessor " + previous + " sent " + describe(h));
        }
    }

    private static String describe(Frames.Header h) {
        if (h.kind() < 0) {
            return "allGather data (call #" + h.seq() + ")";
        }
        Collective.Kind kind = Collective.Kind.values()[Math.floorMod(h.kind(), Collective.Kind.values().length)];
        dev.nabla.DType dtype = dev.nabla.DType.values()[Math.floorMod(h.dtype(), dev.nabla.DType.values().length)];
        return new Collective(kind, h.root(), dtype, h.count()).describe() + " (call #" + h.seq() + ")";
    }

    private <T> T await(Future<T> f, String what, int step, int steps, String peer) {
        try {
            return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new CommunicatorException(who() + ": " + what + " timed out after " + timeout.toMillis() + " ms at ring step "
                    + (step + 1) + " of " + steps + " waiting for " + peer, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CommunicatorException ce) {
                throw ce;
            }
            if (cause instanceof Frames.PeerAbort abort) {
                throw new PeerFailure(who() + ": " + what + " failed because " + abort.getMessage(), abort.getMessage());
            }
            throw new CommunicatorException(who() + ": " + what + " failed at ring step " + (step + 1) + " of " + steps + ": "
                    + (cause instanceof SocketTimeoutException ? "timeout" : cause.getMessage()) + " (peer " + peer + ")", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommunicatorException(who() + ": " + what + " was interrupted", e);
        }
    }

    /** Tells the successor why this rank fails (so the reason travels round the ring), then returns the error. */
    private CommunicatorException abort(CommunicatorException e) {
        String reason = e instanceof PeerFailure pf ? pf.origin : e.getMessage();
        try {
            sender.submit(() -> {
                writer.abort(reason);
                return null;
            }).get(ABORT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception ignored) {
            // best effort: the successor also sees the closed socket
        }
        return e;
    }

    private static SocketChannel dial(InetSocketAddress address, long deadline, String who, String peer) throws IOException {
        while (true) {
            SocketChannel ch = SocketChannel.open();
            try {
                int left = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                ch.socket().connect(address, left);
                ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                return ch;
            } catch (IOException e) {
                ch.close();
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException(who + " could not connect to " + peer + ": " + e.getMessage(), e);
                }
                sleep(50);
            }
        }
    }

    private static SocketChannel accept(ServerSocketChannel listener, long deadline, String who, String peer, int expectedRank,
            int size) throws IOException {
        int left = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        listener.socket().setSoTimeout(left);
        Socket s;
        try {
            s = listener.socket().accept();
        } catch (SocketTimeoutException e) {
            throw new IOException(who + ": " + peer + " did not connect within the timeout", e);
        }
        s.setSoTimeout(left);
        s.setTcpNoDelay(true);
        byte[] hello = s.getInputStream().readNBytes(12);
        ByteBuffer b = ByteBuffer.wrap(hello).order(ByteOrder.LITTLE_ENDIAN);
        if (hello.length != 12 || b.getInt() != Frames.MAGIC) {
            s.close();
            throw new IOException(who + ": the peer that connected is not a Nabla rank");
        }
        int theirRank = b.getInt();
        int theirSize = b.getInt();
        if (theirRank != expectedRank || theirSize != size) {
            s.close();
            throw new IOException(who + ": expected " + peer + " of a group of " + size + ", but rank " + theirRank
                    + " of a group of " + theirSize + " connected");
        }
        s.setSoTimeout(0);
        return s.getChannel();
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing to save
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** A failure another rank reported; {@code origin} is its own description, passed on unchanged. */
    private static final class PeerFailure extends CommunicatorException {
        private static final long serialVersionUID = 1L;
        private final String origin;

        PeerFailure(String message, String origin) {
            super(message);
            this.origin = origin;
        }
    }

    private static int bound(int length, int chunk, int n) {
        return (int) ((long) length * chunk / n);
    }
}
