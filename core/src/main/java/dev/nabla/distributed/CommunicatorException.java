package dev.nabla.distributed;

/**
 * A collective could not complete: a peer died or closed its connection, a timeout passed, or the
 * ranks called different collectives or sizes. Every rank of the group gets one; the communicator is
 * unusable afterwards.
 */
public class CommunicatorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error with a message naming the rank, the collective and the cause. */
    public CommunicatorException(String message) {
        super(message);
    }

    /** An error caused by {@code cause} (an I/O failure, an interruption). */
    public CommunicatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
