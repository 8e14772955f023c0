package dev.nabla.cuda;

import java.util.HashMap;
import java.util.Map;

/** A device with a fixed capacity that hands out increasing fake addresses and remembers live blocks. */
final class FakeDeviceMemory implements DeviceMemory {

    private final long capacity;
    private final Map<Long, Long> live = new HashMap<>();
    private long nextAddress = 0x7000_0000L;
    private long used;
    int allocCalls;
    int failedAllocs;

    FakeDeviceMemory(long capacity) {
        this.capacity = capacity;
    }

    @Override
    public long alloc(long bytes) {
        allocCalls++;
        if (used + bytes > capacity) {
            failedAllocs++;
            return 0;
        }
        long address = nextAddress;
        nextAddress += bytes;
        live.put(address, bytes);
        used += bytes;
        return address;
    }

    @Override
    public void free(long address) {
        Long bytes = live.remove(address);
        if (bytes == null) {
            throw new IllegalStateException("double free of " + address);
        }
        used -= bytes;
    }

    @Override
    public MemoryInfo memGetInfo() {
        return new MemoryInfo(capacity - used, capacity);
    }

    long usedBytes() {
        return used;
    }

    int liveBlocks() {
        return live.size();
    }
}
