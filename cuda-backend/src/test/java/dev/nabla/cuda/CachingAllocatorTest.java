package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingAllocatorTest {

    private final AtomicInteger gcRuns = new AtomicInteger();

    private CachingAllocator allocator(FakeDeviceMemory memory) {
        return new CachingAllocator(memory, "cuda:0", gcRuns::incrementAndGet, 1);
    }

    @Test
    void freedBlockIsReusedBySameBucketWithoutDeviceCall() {
        FakeDeviceMemory memory = new FakeDeviceMemory(1 << 20);
        CachingAllocator allocator = allocator(memory);
        DeviceBlock first = allocator.allocate(1000);
        assertEquals(1024, first.bucketBytes());
        long address = first.address();
        first.close();
        DeviceBlock second = allocator.allocate(700);
        assertEquals(address, second.address());
        assertEquals(1, memory.allocCalls);
        assertEquals(new AllocatorStats(1024, 0, 1024, 1, 1, 0), allocator.stats());
    }

    @Test
    void otherBucketsAreNotServedFromTheCache() {
        FakeDeviceMemory memory = new FakeDeviceMemory(1 << 20);
        CachingAllocator allocator = allocator(memory);
        DeviceBlock small = allocator.allocate(512);
        long smallAddress = small.address();
        small.close();
        DeviceBlock larger = allocator.allocate(1024);
        assertNotEquals(smallAddress, larger.address());
        assertEquals(2, memory.allocCalls);
        assertEquals(new AllocatorStats(1024, 512, 1024, 2, 0, 0), allocator.stats());
    }

    @Test
    void statsTrackAllocatedCachedAndPeak() {
        FakeDeviceMemory memory = new FakeDeviceMemory(1 << 20);
        CachingAllocator allocator = allocator(memory);
        DeviceBlock a = allocator.allocate(2048);
        DeviceBlock b = allocator.allocate(4096);
        a.close();
        a.close(); // a second close must not count twice
        assertEquals(new AllocatorStats(4096, 2048, 6144, 2, 0, 0), allocator.stats());
        b.close();
        assertEquals(new AllocatorStats(0, 6144, 6144, 2, 0, 0), allocator.stats());
        allocator.emptyCache();
        assertEquals(0, memory.usedBytes());
        assertEquals(0, allocator.stats().cachedBytes());
    }

    @Test
    void allocationFailureEmptiesTheCacheRunsGcAndRetriesOnce() {
        FakeDeviceMemory memory = new FakeDeviceMemory(4096);
        CachingAllocator allocator = allocator(memory);
        allocator.allocate(2048).close(); // 2048 cached, only 2048 left on the device
        DeviceBlock big = allocator.allocate(4096);
        assertEquals(4096, big.bucketBytes());
        assertEquals(1, gcRuns.get());
        assertEquals(1, memory.failedAllocs);
        assertEquals(new AllocatorStats(4096, 0, 4096, 2, 0, 1), allocator.stats());
    }

    @Test
    void secondFailureThrowsWithRequestedFreeAndTotalBytes() {
        FakeDeviceMemory memory = new FakeDeviceMemory(4096);
        CachingAllocator allocator = allocator(memory);
        DeviceBlock held = allocator.allocate(3072);
        DeviceOutOfMemoryException e = assertThrows(DeviceOutOfMemoryException.class,
                () -> allocator.allocate(2000));
        String m = e.getMessage();
        assertEquals(2000, e.requestedBytes());
        assertTrue(m.contains("cuda:0"), m);
        assertTrue(m.contains("tried to allocate 1.95 KiB (2000 bytes) (bucket 2.00 KiB (2048 bytes))"), m);
        assertTrue(m.contains("device free 1.00 KiB (1024 bytes) of total 4.00 KiB (4096 bytes)"), m);
        assertTrue(m.contains("Nabla holds 3.00 KiB (3072 bytes) in live tensors"), m);
        assertEquals(2, memory.failedAllocs); // tried, reclaimed, tried once more
        assertEquals(1, gcRuns.get());
        assertEquals(3072, held.bucketBytes());
    }

    @Test
    void unreachableOwnerGivesItsBlockBackWhenTheDeviceIsFull() {
        FakeDeviceMemory memory = new FakeDeviceMemory(4096);
        CachingAllocator allocator = new CachingAllocator(memory, "cuda:0", System::gc, 5_000);
        trackUnreachableOwner(allocator, 4096);
        DeviceBlock block = allocator.allocate(4096); // needs the leaked block's memory
        assertEquals(4096, block.bucketBytes());
        assertEquals(1, allocator.stats().oomRetries());
        assertEquals(4096, allocator.stats().allocatedBytes());
    }

    @Test
    void aRequestThatNeedsSeveralUnreachableOwnersBlocksWaitsForAllOfThem() {
        FakeDeviceMemory memory = new FakeDeviceMemory(4 * 512);
        CachingAllocator allocator = new CachingAllocator(memory, "cuda:0", System::gc, 5_000);
        for (int i = 0; i < 4; i++) {
            trackUnreachableOwner(allocator, 512);
        }
        // the GC finds four owners, which the JVM enqueues one at a time: the retry must not stop after the first
        DeviceBlock block = allocator.allocate(4 * 512);
        assertEquals(4 * 512, block.bucketBytes());
        assertEquals(1, allocator.stats().oomRetries());
        assertEquals(4 * 512, allocator.stats().allocatedBytes());
    }

    private static void trackUnreachableOwner(CachingAllocator allocator, long bytes) {
        Object owner = new Object();
        allocator.track(owner, allocator.allocate(bytes));
    }

    @Test
    void closeFreesCachedAndLiveBlocksAndRejectsLaterAllocations() {
        FakeDeviceMemory memory = new FakeDeviceMemory(1 << 20);
        CachingAllocator allocator = allocator(memory);
        DeviceBlock live = allocator.allocate(1000);
        allocator.allocate(5000).close();
        allocator.close();
        assertEquals(0, memory.liveBlocks());
        live.close(); // after close: no double free, no counter change
        assertEquals(0, allocator.stats().allocatedBytes());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> allocator.allocate(1));
        assertTrue(e.getMessage().contains("cuda:0"), e.getMessage());
    }

    @Test
    void trainingLoopOfManyStepsHoldsDeviceMemoryFlat() {
        FakeDeviceMemory memory = new FakeDeviceMemory(1 << 20);
        CachingAllocator allocator = allocator(memory);
        for (int step = 0; step < 10_000; step++) {
            try (DeviceBlock activations = allocator.allocate(40_000);
                 DeviceBlock gradients = allocator.allocate(12_345)) {
                assertNotEquals(activations.address(), gradients.address());
            }
        }
        assertEquals(2, memory.allocCalls);
        assertEquals(40_448 + 12_800, memory.usedBytes());
    }
}
