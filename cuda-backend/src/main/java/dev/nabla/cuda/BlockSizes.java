package dev.nabla.cuda;

/**
 * The size classes of the caching allocator. Small requests round up to a multiple of
 * {@value #SMALL_GRANULE} bytes; requests of {@value #LARGE_THRESHOLD} bytes and more round up to
 * one of four classes per power of two (1, 1.25, 1.5, 1.75 times 2^k), so a cached block is
 * reusable by any request of its class while wasting at most a quarter of it.
 */
public final class BlockSizes {

    /** The granule of small blocks (also cuBLAS/cuDNN-friendly alignment). */
    public static final long SMALL_GRANULE = 512;
    /** Requests from this size on use the power-of-two classes. */
    public static final long LARGE_THRESHOLD = 1L << 20;
    private static final int CLASSES_PER_OCTAVE = 4;

    private BlockSizes() {
    }

    /**
     * The bucket size that serves a request of {@code bytes}; a request of 0 bytes still gets a
     * granule so that every block has a distinct address.
     *
     * @throws IllegalArgumentException when {@code bytes} is negative
     */
    public static long round(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("BlockSizes.round: negative size " + bytes);
        }
        if (bytes < LARGE_THRESHOLD) {
            return Math.max(SMALL_GRANULE, ceilDiv(bytes, SMALL_GRANULE) * SMALL_GRANULE);
        }
        long octave = Long.highestOneBit(bytes);
        if (octave == bytes) {
            return bytes;
        }
        long step = octave / CLASSES_PER_OCTAVE;
        return ceilDiv(bytes, step) * step;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
