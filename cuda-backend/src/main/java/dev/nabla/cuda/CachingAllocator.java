package dev.nabla.cuda;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A size-bucketed caching allocator over a {@link DeviceMemory}: freed blocks stay cached by bucket
 * size ({@link BlockSizes}) and serve later requests of the same bucket without a device call.
 *
 * <p>Blocks come back when closed explicitly (tensor close, scope close) or, as a safety net, when
 * an owner registered with {@link #track(Object, DeviceBlock)} becomes unreachable. The safety net
 * uses a phantom-reference queue that this allocator drains itself (on every allocation and, after
 * a GC, on the out-of-memory path) rather than a {@link java.lang.ref.Cleaner} thread: that makes
 * the retry deterministic and keeps every allocator action on a thread that uses the device.
 *
 * <p>On an allocation failure the allocator runs one GC, then gives back the blocks of the owners it found
 * unreachable and its cache, and retries; the JVM enqueues those owners one by one, so while the request
 * still does not fit it waits for more of them, up to the drain wait in all. When no more come, it throws
 * {@link DeviceOutOfMemoryException} with requested, free and total bytes. It never spills to host memory.
 */
public final class CachingAllocator implements AutoCloseable {

    /** How long, in all, the out-of-memory path waits for the GC to enqueue unreachable owners. */
    static final long DEFAULT_DRAIN_WAIT_MILLIS = 100;

    private final DeviceMemory memory;
    private final String deviceName;
    private final Runnable gc;
    private final long drainWaitMillis;
    private final Map<Long, ArrayDeque<Long>> cache = new HashMap<>();
    private final Set<DeviceBlock> live = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<DeviceBlock, OwnerReference> tracked = new IdentityHashMap<>();
    private final ReferenceQueue<Object> unreachable = new ReferenceQueue<>();
    private long allocatedBytes;
    private long cachedBytes;
    private long peakAllocatedBytes;
    private long deviceAllocations;
    private long cacheHits;
    private long oomRetries;
    private boolean closed;

    /**
     * An allocator that runs {@link System#gc()} on its out-of-memory path.
     *
     * @param memory the device memory to draw from
     * @param deviceName the device's name for error messages, e.g. {@code cuda:0}
     */
    public CachingAllocator(DeviceMemory memory, String deviceName) {
        this(memory, deviceName, System::gc, DEFAULT_DRAIN_WAIT_MILLIS);
    }

    /**
     * @param memory the device memory to draw from
     * @param deviceName the device's name for error messages
     * @param gc what "run a garbage collection" means (tests count the calls)
     * @param drainWaitMillis how long, in all, to wait for unreachable owners after {@code gc}
     */
    CachingAllocator(DeviceMemory memory, String deviceName, Runnable gc, long drainWaitMillis) {
        this.memory = memory;
        this.deviceName = deviceName;
        this.gc = gc;
        this.drainWaitMillis = drainWaitMillis;
    }

    /**
     * Hands out a block of at least {@code bytes}.
     *
     * @throws IllegalArgumentException when {@code bytes} is negative
     * @throws DeviceOutOfMemoryException when the device has no room even after reclaiming
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized DeviceBlock allocate(long bytes) {
        if (closed) {
            throw new IllegalStateException("CachingAllocator.allocate: allocator of " + deviceName + " is closed");
        }
        long bucket = BlockSizes.round(bytes);
        drainUnreachable(0);
        ArrayDeque<Long> free = cache.get(bucket);
        long address;
        if (free != null && !free.isEmpty()) {
            address = free.pop();
            cachedBytes -= bucket;
            cacheHits++;
        } else {
            address = memory.alloc(bucket);
            if (address == 0) {
                address = retryAfterReclaiming(bytes, bucket);
            }
            deviceAllocations++;
        }
        allocatedBytes += bucket;
        peakAllocatedBytes = Math.max(peakAllocatedBytes, allocatedBytes);
        DeviceBlock block = new DeviceBlock(this, address, bucket, bytes);
        live.add(block);
        return block;
    }

    private long retryAfterReclaiming(long bytes, long bucket) {
        oomRetries++;
        gc.run();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainWaitMillis);
        while (true) {
            int reclaimed = drainUnreachable(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            emptyCache();
            long address = memory.alloc(bucket);
            if (address != 0) {
                return address;
            }
            if (reclaimed == 0) {
                throw outOfMemory(bytes, bucket);
            }
        }
    }

    private DeviceOutOfMemoryException outOfMemory(long bytes, long bucket) {
        MemoryInfo info = memory.memGetInfo();
        return new DeviceOutOfMemoryException("CUDA out of memory on " + deviceName + ": tried to allocate "
                + Bytes.format(bytes) + (bucket != bytes ? " (bucket " + Bytes.format(bucket) + ")" : "")
                + "; device free " + Bytes.format(info.freeBytes()) + " of total " + Bytes.format(info.totalBytes())
                + "; Nabla holds " + Bytes.format(allocatedBytes) + " in live tensors (cache already emptied)."
                + " Close tensors you no longer need (or use Tensor.scope()) or reduce the batch size.", bytes);
    }

    /**
     * Registers the safety net: when {@code owner} becomes unreachable without having closed
     * {@code block}, the block returns to the cache at the next allocation.
     */
    public synchronized void track(Object owner, DeviceBlock block) {
        if (!block.isReleased()) {
            tracked.put(block, new OwnerReference(owner, block, unreachable));
        }
    }

    synchronized void release(DeviceBlock block) {
        OwnerReference ref = tracked.remove(block);
        if (ref != null) {
            ref.clear();
        }
        if (!live.remove(block)) {
            return; // freed by close() already
        }
        allocatedBytes -= block.bucketBytes();
        cache.computeIfAbsent(block.bucketBytes(), k -> new ArrayDeque<>()).push(block.address());
        cachedBytes += block.bucketBytes();
    }

    /**
     * Returns the blocks of owners found unreachable; waits up to {@code waitMillis} for the first (not at all
     * when it is not positive).
     *
     * @return how many blocks came back
     */
    private int drainUnreachable(long waitMillis) {
        int reclaimed = 0;
        try {
            Reference<?> ref = waitMillis > 0 ? unreachable.remove(waitMillis) : unreachable.poll();
            while (ref != null) {
                ((OwnerReference) ref).block.close();
                reclaimed++;
                ref = unreachable.poll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return reclaimed;
    }

    /** Gives every cached block back to the device. */
    public synchronized void emptyCache() {
        for (ArrayDeque<Long> blocks : cache.values()) {
            for (long address : blocks) {
                memory.free(address);
            }
        }
        cache.clear();
        cachedBytes = 0;
    }

    /** The current counters. */
    public synchronized AllocatorStats stats() {
        return new AllocatorStats(allocatedBytes, cachedBytes, peakAllocatedBytes, deviceAllocations, cacheHits,
                oomRetries);
    }

    /** Frees every block, cached or live, back to the device; later closes of live blocks do nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        emptyCache();
        for (DeviceBlock block : live) {
            memory.free(block.address());
        }
        live.clear();
        tracked.values().forEach(Reference::clear);
        tracked.clear();
        allocatedBytes = 0;
    }

    /** Remembers which block an owner held, without keeping the owner alive. */
    private static final class OwnerReference extends PhantomReference<Object> {
        private final DeviceBlock block;

        OwnerReference(Object owner, DeviceBlock block, ReferenceQueue<Object> queue) {
            super(owner, queue);
            this.block = block;
        }
    }
}
