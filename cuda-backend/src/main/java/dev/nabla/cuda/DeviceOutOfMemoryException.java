package dev.nabla.cuda;

/**
 * Thrown when a device allocation fails even after the allocator emptied its cache and collected
 * unreachable tensors. The message states the requested, free and total bytes.
 */
public final class DeviceOutOfMemoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long requestedBytes;

    /**
     * @param message the full explanation
     * @param requestedBytes the size that could not be allocated
     */
    public DeviceOutOfMemoryException(String message, long requestedBytes) {
        super(message);
        this.requestedBytes = requestedBytes;
    }

    /** The size, in bytes, of the allocation that failed. */
    public long requestedBytes() {
        return requestedBytes;
    }
}
