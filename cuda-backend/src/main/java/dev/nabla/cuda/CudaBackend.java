package dev.nabla.cuda;

import static dev.nabla.cuda.DriverCalls.check;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.backend.Backend;
import dev.nabla.backend.BinaryOp;
import dev.nabla.backend.RandomOp;
import dev.nabla.backend.ReduceOp;
import dev.nabla.backend.Storage;
import dev.nabla.backend.Strided;
import dev.nabla.backend.UnaryOp;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * The CUDA backend, phase 1: memory (caching allocator), host-device transfers (pinned staging),
 * contiguous device-to-device copies and fills through the driver API. The compute primitives need
 * the PTX kernels of {@code nabla-kernels-ptx} and throw {@link UnsupportedOperationException}
 * naming the missing kernel until they are wired in. Calls are serialised on this backend.
 */
public final class CudaBackend implements Backend, AutoCloseable {

    private final Device device;
    private final CudaLibraries libraries;
    private final CudaContext context;
    private final CachingAllocator allocator;
    private final PinnedStaging staging;

    CudaBackend(DeviceInfo info, CudaLibraries libraries) {
        this.device = Device.cuda(info.ordinal());
        this.libraries = libraries;
        this.context = CudaContext.open(info.ordinal());
        this.allocator = new CachingAllocator(new DriverDeviceMemory(), device.toString());
        this.staging = new PinnedStaging(StagingPlan.DEFAULT, context);
    }

    @Override
    public Device device() {
        return device;
    }

    /** What serves GEMM, convolution and RNNs on this device. */
    public CudaLibraries libraries() {
        return libraries;
    }

    /** The allocator's counters. */
    public AllocatorStats memoryStats() {
        return allocator.stats();
    }

    /** A timer on this device's stream. */
    public synchronized CudaTimer timer() {
        context.makeCurrent();
        return new CudaTimer(context.stream());
    }

    /** Waits until all queued work on this device has finished. */
    public synchronized void synchronize() {
        context.makeCurrent();
        context.synchronize();
    }

    @Override
    public synchronized Storage allocate(DType dtype, int size) {
        CudaStorage storage = allocateUninitialized(dtype, size, "allocate");
        // Every dtype is a multiple of 4 bytes, so one 32-bit memset of zeros clears the block.
        check("cuMemsetD32Async", JCudaDriver.cuMemsetD32Async(DevicePointers.at(storage.address()), 0,
                (long) size * dtype.byteSize() / 4, context.stream()));
        return storage;
    }

    private CudaStorage allocateUninitialized(DType dtype, int size, String op) {
        if (size < 0) {
            throw new IllegalArgumentException(op + ": negative size " + size + " for " + dtype.id());
        }
        context.makeCurrent();
        DeviceBlock block = allocator.allocate((long) size * dtype.byteSize());
        CudaStorage storage = new CudaStorage(this, dtype, size, block);
        allocator.track(storage, block);
        return storage;
    }

    @Override
    public synchronized Storage upload(Object hostArray) {
        CudaStorage storage = allocateUninitialized(HostArrays.dtypeOf(hostArray), HostArrays.length(hostArray),
                "upload");
        staging.upload(hostArray, storage.address());
        return storage;
    }

    @Override
    public synchronized Object download(Strided src) {
        requireContiguous("download", src);
        context.makeCurrent();
        Object array = HostArrays.allocate(src.dtype(), src.numel());
        staging.download(storage(src).addressOf(src.offset()), array);
        return array;
    }

    @Override
    public synchronized void copy(Strided src, Strided dst) {
        requireContiguous("copy", src);
        requireContiguous("copy", dst);
        if (src.dtype() != dst.dtype()) {
            throw missingKernel("copy", "dtype conversion " + src.dtype().id() + " -> " + dst.dtype().id());
        }
        if (src.numel() != dst.numel()) {
            throw new IllegalArgumentException("copy: " + src + " and " + dst + " differ in element count");
        }
        context.makeCurrent();
        check("cuMemcpyDtoDAsync", JCudaDriver.cuMemcpyDtoDAsync(at(dst), at(src),
                (long) src.numel() * src.dtype().byteSize(), context.stream()));
    }

    @Override
    public synchronized void fill(Strided dst, double value) {
        requireContiguous("fill", dst);
        context.makeCurrent();
        long n = dst.numel();
        if (dst.dtype() == DType.FLOAT32) {
            check("cuMemsetD32Async", JCudaDriver.cuMemsetD32Async(at(dst), Float.floatToRawIntBits((float) value),
                    n, context.stream()));
            return;
        }
        long bits = dst.dtype() == DType.FLOAT64 ? Double.doubleToRawLongBits(value) : (long) value;
        int low = (int) bits;
        int high = (int) (bits >>> 32);
        if (low == high) {
            check("cuMemsetD32Async", JCudaDriver.cuMemsetD32Async(at(dst), low, 2 * n, context.stream()));
            return;
        }
        // A 64-bit pattern as two 2-D 32-bit memsets: one word per 8-byte row, low words then high words
        // (little-endian).
        long address = storage(dst).addressOf(dst.offset());
        check("cuMemsetD2D32Async", JCudaDriver.cuMemsetD2D32Async(DevicePointers.at(address), 8, low, 1, n,
                context.stream()));
        check("cuMemsetD2D32Async", JCudaDriver.cuMemsetD2D32Async(DevicePointers.at(address + 4), 8, high, 1, n,
                context.stream()));
    }

    @Override
    public void unary(UnaryOp op, Strided x, Strided out) {
        throw missingKernel("unary", op.name());
    }

    @Override
    public void binary(BinaryOp op, Strided a, Strided b, Strided out) {
        throw missingKernel("binary", op.name());
    }

    @Override
    public void where(Strided cond, Strided a, Strided b, Strided out) {
        throw missingKernel("where", "where");
    }

    @Override
    public void reduce(ReduceOp op, Strided x, Strided out) {
        throw missingKernel("reduce", op.name());
    }

    @Override
    public void argReduce(ReduceOp op, Strided x, int axis, Strided out) {
        throw missingKernel("argReduce", op.name());
    }

    @Override
    public void random(RandomOp op, long seed, long offset, double a, double b, Strided out) {
        throw missingKernel("random", op.name());
    }

    @Override
    public void gather(Strided x, int axis, Strided index, Strided out) {
        throw missingKernel("gather", "gather");
    }

    @Override
    public void scatterAdd(Strided dst, int axis, Strided index, Strided src) {
        throw missingKernel("scatterAdd", "scatterAdd");
    }

    /** Frees all device memory, the pinned buffer, the stream, and releases the context. */
    @Override
    public synchronized void close() {
        context.makeCurrent();
        context.synchronize();
        allocator.close();
        staging.close();
        context.close();
    }

    private static UnsupportedOperationException missingKernel(String primitive, String detail) {
        return new UnsupportedOperationException("CudaBackend." + primitive + " (" + detail
                + ") needs a PTX kernel from nabla-kernels-ptx, which is not wired in yet");
    }

    private static void requireContiguous(String primitive, Strided view) {
        if (!view.isContiguous()) {
            throw missingKernel(primitive, "strided view " + view);
        }
    }

    private CudaStorage storage(Strided view) {
        if (!(view.storage() instanceof CudaStorage s) || s.backend() != this) {
            throw new IllegalArgumentException("CudaBackend: " + view + " does not live on " + device);
        }
        return s;
    }

    private CUdeviceptr at(Strided view) {
        return DevicePointers.at(storage(view).addressOf(view.offset()));
    }
}
