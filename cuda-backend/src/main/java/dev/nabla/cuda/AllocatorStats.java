package dev.nabla.cuda;

/**
 * A snapshot of the caching allocator's counters; all byte counts are bucket (rounded) sizes.
 *
 * @param allocatedBytes bytes in blocks currently handed out
 * @param cachedBytes bytes in freed blocks kept for reuse
 * @param peakAllocatedBytes the largest {@code allocatedBytes} seen
 * @param deviceAllocations how many times the device itself was asked for memory
 * @param cacheHits how many requests were served from the cache
 * @param oomRetries how many times an allocation failed, emptied the cache and retried
 */
public record AllocatorStats(long allocatedBytes, long cachedBytes, long peakAllocatedBytes,
                             long deviceAllocations, long cacheHits, long oomRetries) {
}
