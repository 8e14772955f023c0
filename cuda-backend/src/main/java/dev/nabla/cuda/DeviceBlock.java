package dev.nabla.cuda;

/**
 * A block of device memory handed out by a {@link CachingAllocator}. Closing it returns the block
 * to the allocator's cache (not to the device); closing twice is harmless.
 */
public final class DeviceBlock implements AutoCloseable {

    private final CachingAllocator owner;
    private final long address;
    private final long bucketBytes;
    private final long requestedBytes;
    private boolean released;

    DeviceBlock(CachingAllocator owner, long address, long bucketBytes, long requestedBytes) {
        this.owner = owner;
        this.address = address;
        this.bucketBytes = bucketBytes;
        this.requestedBytes = requestedBytes;
    }

    /** The device address of the first byte. */
    public long address() {
        return address;
    }

    /** The size the caller asked for. */
    public long requestedBytes() {
        return requestedBytes;
    }

    /** The size actually reserved (the bucket of {@link #requestedBytes()}). */
    public long bucketBytes() {
        return bucketBytes;
    }

    /** Whether the block went back to the allocator. */
    public synchronized boolean isReleased() {
        return released;
    }

    /** Returns the block to the allocator's cache. */
    @Override
    public void close() {
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
        }
        owner.release(this);
    }
}
