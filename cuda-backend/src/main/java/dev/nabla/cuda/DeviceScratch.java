package dev.nabla.cuda;

import dev.nabla.DType;
import dev.nabla.backend.Strided;
import java.util.ArrayList;
import java.util.List;

/**
 * Scratch device buffers for one call on a {@link CudaBackend}, returned to its cache when the call
 * ends: all work goes to one stream, so a buffer is free for reuse once the work that reads it is queued.
 */
final class DeviceScratch implements AutoCloseable {

    private final CudaBackend cuda;
    private final List<AutoCloseable> blocks = new ArrayList<>();

    DeviceScratch(CudaBackend cuda) {
        this.cuda = cuda;
    }

    /** An uninitialised dense view of {@code shape}. */
    Strided dense(DType dtype, int[] shape) {
        CudaStorage s = cuda.allocateUninitialized(dtype, AxisSplit.product(shape, 0, shape.length), "scratch");
        blocks.add(s);
        return Strided.contiguous(s, shape);
    }

    /** A dense copy of {@code view}. */
    Strided denseCopy(Strided view) {
        Strided copy = dense(view.dtype(), view.shape());
        cuda.copySameDtype(view, copy);
        return copy;
    }

    /** {@code view} itself when it is contiguous, else a dense copy (the kernels read dense operands). */
    Strided dense(Strided view) {
        return view.isContiguous() ? view : denseCopy(view);
    }

    /** {@code bytes} of raw device memory (for int32 index arrays, which have no dtype). */
    long raw(long bytes) {
        DeviceBlock block = cuda.allocateRaw(Math.max(bytes, 4));
        blocks.add(block);
        return block.address();
    }

    @Override
    public void close() {
        for (AutoCloseable b : blocks) {
            try {
                b.close();
            } catch (Exception e) {
                throw new IllegalStateException("CudaBackend: releasing scratch memory failed", e);
            }
        }
    }
}
