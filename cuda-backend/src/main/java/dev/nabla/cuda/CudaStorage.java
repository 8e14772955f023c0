package dev.nabla.cuda;

import dev.nabla.DType;
import dev.nabla.backend.Backend;
import dev.nabla.backend.Storage;

/**
 * A storage in device memory: a {@link DeviceBlock} of the {@link CachingAllocator}. Closing it
 * returns the block to the cache; if it is never closed, the allocator reclaims the block after the
 * storage becomes unreachable.
 */
public final class CudaStorage extends Storage implements AutoCloseable {

    private final CudaBackend backend;
    private final DeviceBlock block;

    CudaStorage(CudaBackend backend, DType dtype, int size, DeviceBlock block) {
        super(dtype, size);
        this.backend = backend;
        this.block = block;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    /** The device address of element 0. */
    public long address() {
        return block.address();
    }

    /** The device address of element {@code index}. */
    public long addressOf(long index) {
        return block.address() + index * dtype().byteSize();
    }

    /** Returns the device memory to the allocator's cache. */
    @Override
    public void close() {
        block.close();
    }
}
