package dev.nabla.distributed;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The ring's wire format: each frame is a fixed header (magic, frame type, the collective's kind,
 * root, dtype and element count, the call's sequence number, the payload length) and a payload of
 * little-endian elements, bytes, or an abort reason. The header lets a receiver refuse data of
 * another collective or size instead of mixing it in.
 */
final class Frames {

    /** "NABL". */
    static final int MAGIC = 0x4E41424C;
    /** The first frame on a connection: the sender's rank and group size. */
    static final int HELLO = 1;
    /** Elements or bytes of a collective. */
    static final int DATA = 2;
    /** A failure somewhere in the ring; the payload is its UTF-8 description. */
    static final int ABORT = 3;
    static final int HEADER_BYTES = 36;
    /** Largest payload of one frame: big enough to stream at full speed, small enough to overlap send, receive and sum. */
    static final int SEGMENT_BYTES = 1 << 20;
    /** Largest all-gather item. */
    static final int MAX_BYTES_ITEM = 64 << 20;

    private Frames() {
    }

    /**
     * A frame header.
     *
     * @param type HELLO, DATA or ABORT
     * @param kind the collective kind's ordinal, or -1 for an all-gather; the rank for a HELLO
     * @param root the broadcast root, or -1; the group size for a HELLO
     * @param dtype the element type's ordinal, or -1
     * @param count the collective's element count, or -1
     * @param seq the call's number on this communicator, counted from 1
     * @param payload the payload length in bytes
     */
    record Header(int type, int kind, int root, int dtype, int count, long seq, int payload) {
    }

    /** Writes frames to one channel; used by one thread at a time. */
    static final class Writer {
        private final WritableByteChannel channel;
        private final ByteBuffer header = ByteBuffer.allocateDirect(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        private final ByteBuffer payload = ByteBuffer.allocateDirect(SEGMENT_BYTES).order(ByteOrder.LITTLE_ENDIAN);

        Writer(WritableByteChannel channel) {
            this.channel = channel;
        }

        /** Writes a frame whose payload ({@code bytes} long, at most a segment) {@code fill} puts into the buffer. */
        void write(Header h, Consumer<ByteBuffer> fill) throws IOException {
            payload.clear();
            fill.accept(payload);
            payload.flip();
            if (payload.remaining() != h.payload()) {
                throw new IllegalStateException("frame payload " + payload.remaining() + " != header " + h.payload());
            }
            writeHeader(h);
            writeFully(payload);
        }

        /** Writes a frame with an arbitrary byte payload. */
        void write(Header h, byte[] bytes) throws IOException {
            writeHeader(h);
            writeFully(ByteBuffer.wrap(bytes));
        }

        /** Writes an ABORT frame carrying {@code reason}. */
        void abort(String reason) throws IOException {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            write(new Header(ABORT, -1, -1, -1, -1, 0, text.length), text);
        }

        private void writeHeader(Header h) throws IOException {
            header.clear();
            header.putInt(MAGIC).putInt(h.type()).putInt(h.kind()).putInt(h.root()).putInt(h.dtype()).putInt(h.count())
                    .putLong(h.seq()).putInt(h.payload());
            header.flip();
            writeFully(header);
        }

        private void writeFully(ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }
    }

    /** Reads frames from one channel; used by one thread at a time. */
    static final class Reader {
        private final ReadableByteChannel channel;
        private final String peer;
        private final ByteBuffer header = ByteBuffer.allocateDirect(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        private final ByteBuffer payload = ByteBuffer.allocateDirect(SEGMENT_BYTES).order(ByteOrder.LITTLE_ENDIAN);

        /** @param peer names the sending rank in messages */
        Reader(ReadableByteChannel channel, String peer) {
            this.channel = channel;
            this.peer = peer;
        }

        /** Reads the next header; an ABORT frame is read whole and thrown as a {@link PeerAbort}. */
        Header header() throws IOException {
            header.clear();
            readFully(header);
            header.flip();
            int magic = header.getInt();
            if (magic != MAGIC) {
                throw new IOException(peer + " sent bytes that are not a Nabla frame (magic " + Integer.toHexString(magic) + ")");
            }
            Header h = new Header(header.getInt(), header.getInt(), header.getInt(), header.getInt(), header.getInt(),
                    header.getLong(), header.getInt());
            if (h.type() == ABORT) {
                throw new PeerAbort(new String(bytes(h.payload()), StandardCharsets.UTF_8));
            }
            return h;
        }

        /** Reads a payload of {@code length} bytes (at most a segment) into the reusable buffer, ready to read. */
        ByteBuffer payload(int length) throws IOException {
            payload.clear().limit(length);
            readFully(payload);
            return payload.flip();
        }

        /** Reads a payload of {@code length} bytes into a new array. */
        byte[] bytes(int length) throws IOException {
            if (length < 0 || length > MAX_BYTES_ITEM) {
                throw new IOException(peer + " announced a payload of " + length + " bytes");
            }
            ByteBuffer b = ByteBuffer.allocate(length);
            readFully(b);
            return b.array();
        }

        private void readFully(ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                if (channel.read(b) < 0) {
                    throw new EOFException(peer + " closed the connection");
                }
            }
        }
    }

    /** An ABORT frame arrived: another rank failed, for the reason given. */
    static final class PeerAbort extends IOException {
        private static final long serialVersionUID = 1L;

        PeerAbort(String reason) {
            super(reason);
        }
    }
}
