package dev.nabla.cuda;

/**
 * The raw device memory operations the {@link CachingAllocator} is written against, so that its
 * logic runs (and is tested) without a GPU. Addresses are plain device addresses as {@code long}.
 */
public interface DeviceMemory {

    /**
     * Allocates {@code bytes} of device memory.
     *
     * @return the device address, or {@code 0} when the device is out of memory
     * @throws RuntimeException for any failure other than lack of memory
     */
    long alloc(long bytes);

    /** Returns a block obtained from {@link #alloc(long)} to the device. */
    void free(long address);

    /** The device's free and total memory. */
    MemoryInfo memGetInfo();
}
