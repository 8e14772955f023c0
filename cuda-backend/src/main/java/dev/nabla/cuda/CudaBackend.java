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
import dev.nabla.backend.fast.FastPath;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import jcuda.driver.CUDA_MEMCPY2D;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUmemorytype;
import jcuda.driver.JCudaDriver;

/**
 * The CUDA backend: every primitive on the PTX kernels of {@code nabla-kernels-ptx}, and the fast paths as
 * separate objects on the same device ({@link #fastPath}): GEMM on cuBLAS or the PTX GEMM ({@link CudaMatmul}),
 * convolution on cuDNN or im2col + GEMM ({@link CudaConvolution}), pooling ({@link CudaPooling}), whole recurrent
 * layers on cuDNN ({@link CudaRecurrences}), flash attention ({@link CudaAttention}), and the fused row-wise and
 * pointwise tails ({@link CudaRowKernels}, {@link CudaPointwiseKernels}). What has no kernel (loops of rank above 8,
 * mixed-dtype calls) runs on the CPU backend through {@link HostFallback}, logged once per case; attention outside
 * the kernels' limits is declined and composed by core on this device. Calls are serialised on this object's lock,
 * fast paths included; all device work goes to one stream, so scratch buffers can return to the cache as soon as
 * their work is queued.
 */
public final class CudaBackend implements Backend, AutoCloseable {

    private final Device device;
    private final CudaLibraries libraries;
    private final CudaContext context;
    private final CachingAllocator allocator;
    private final PinnedStaging staging;
    private final KernelLauncher launcher;
    private final HostFallback host;
    private final CudaMatmul matmul;
    private final List<FastPath> fastPaths;
    private Optional<CudnnHandle> cudnn;

    CudaBackend(DeviceInfo info, CudaLibraries libraries) {
        this.device = Device.cuda(info.ordinal());
        this.libraries = libraries;
        this.context = CudaContext.open(info.ordinal());
        this.allocator = new CachingAllocator(new DriverDeviceMemory(), device.toString());
        this.staging = new PinnedStaging(StagingPlan.DEFAULT, context);
        this.launcher = new KernelLauncher(context);
        this.host = new HostFallback(new HostFallback.StorageTransfer() {
            @Override
            public Object downloadAll(CudaStorage storage) {
                Object array = HostArrays.allocate(storage.dtype(), storage.size());
                staging.download(storage.address(), array);
                return array;
            }

            @Override
            public void uploadAll(Object array, CudaStorage storage) {
                staging.upload(array, storage.address());
            }
        });
        this.matmul = new CudaMatmul(this);
        this.fastPaths = List.of(matmul, new CudaConvolution(this), new CudaPooling(this), new CudaRecurrences(this),
                new CudaAttention(this), new CudaRowKernels(this), new CudaPointwiseKernels(this));
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
    @Override
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

    CudaStorage allocateUninitialized(DType dtype, int size, String op) {
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
        context.makeCurrent();
        if (src.isContiguous()) {
            Object array = HostArrays.allocate(src.dtype(), src.numel());
            staging.download(address(src), array);
            return array;
        }
        try (CudaStorage dense = allocateUninitialized(src.dtype(), src.numel(), "download")) {
            Strided target = Strided.contiguous(dense, src.shape());
            copySameDtype(src, target);
            Object array = HostArrays.allocate(src.dtype(), src.numel());
            staging.download(dense.address(), array);
            return array;
        }
    }

    @Override
    public synchronized void copy(Strided src, Strided dst) {
        requireSameShape("copy", src, dst);
        context.makeCurrent();
        if (src.numel() == 0) {
            return;
        }
        if (src.dtype() == dst.dtype()) {
            copySameDtype(src, dst);
        } else {
            Coalesced loop = Coalesced.of(dst.shape(), dst.strides(), src.strides());
            if (loop.rank() > dev.nabla.kernels.StridedLayout.MAX_DIMS) {
                host.run("copy", "rank above 8", new Strided[] {src}, new Strided[] {dst}, v -> host.cpu().copy(v[0], v[1]));
                return;
            }
            launch(ElementwiseCalls.cast(src.dtype(), dst.dtype(), loop, address(dst), address(src)));
        }
    }

    /** Same-dtype copy: one memcpy when both views are dense, else the strided COPY kernel (exact for INT64). */
    void copySameDtype(Strided src, Strided dst) {
        Coalesced loop = Coalesced.of(dst.shape(), dst.strides(), src.strides());
        if (loop.isDense()) {
            check("cuMemcpyDtoDAsync", JCudaDriver.cuMemcpyDtoDAsync(at(dst), at(src),
                    (long) src.numel() * src.dtype().byteSize(), context.stream()));
            return;
        }
        elementwise("copy", "ew_unary", OptionalInt.of(KernelOps.copy()), dst, new Strided[] {src},
                v -> host.cpu().copy(v[0], v[1]));
    }

    @Override
    public synchronized void fill(Strided dst, double value) {
        context.makeCurrent();
        if (dst.numel() == 0) {
            return;
        }
        if (!dst.isContiguous()) {
            // A one-element buffer broadcast (stride 0) through the strided copy kernel.
            try (CudaStorage scalar = allocateUninitialized(dst.dtype(), 1, "fill")) {
                fillDense(Strided.contiguous(scalar, new int[] {1}), value);
                copySameDtype(new Strided(scalar, dst.shape(), new int[dst.rank()], 0), dst);
            }
            return;
        }
        fillDense(dst, value);
    }

    void fillDense(Strided dst, double value) {
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
        long address = address(dst);
        check("cuMemsetD2D32Async", JCudaDriver.cuMemsetD2D32Async(DevicePointers.at(address), 8, low, 1, n,
                context.stream()));
        check("cuMemsetD2D32Async", JCudaDriver.cuMemsetD2D32Async(DevicePointers.at(address + 4), 8, high, 1, n,
                context.stream()));
    }

    @Override
    public synchronized void unary(UnaryOp op, Strided x, Strided out) {
        requireSameShape("unary " + op, x, out);
        context.makeCurrent();
        elementwise("unary " + op, "ew_unary", OptionalInt.of(KernelOps.unary(op)), out, new Strided[] {x},
                v -> host.cpu().unary(op, v[0], v[1]));
    }

    @Override
    public synchronized void binary(BinaryOp op, Strided a, Strided b, Strided out) {
        requireSameShape("binary " + op, a, out);
        requireSameShape("binary " + op, b, out);
        context.makeCurrent();
        elementwise("binary " + op, "ew_binary", OptionalInt.of(KernelOps.binary(op)), out, new Strided[] {a, b},
                v -> host.cpu().binary(op, v[0], v[1], v[2]));
    }

    @Override
    public synchronized void where(Strided cond, Strided a, Strided b, Strided out) {
        requireSameShape("where", cond, out);
        requireSameShape("where", a, out);
        requireSameShape("where", b, out);
        context.makeCurrent();
        elementwise("where", "ew_where", OptionalInt.empty(), out, new Strided[] {cond, a, b},
                v -> host.cpu().where(v[0], v[1], v[2], v[3]));
    }

    /**
     * Routes one elementwise launch. {@code op} is the op code (empty for {@code where}, whose family has no
     * op); {@code cpuOp} computes the same on the host views (inputs, then out) when the loop's rank is
     * beyond the kernels' {@code NdLayout}.
     */
    private void elementwise(String primitive, String family, OptionalInt op, Strided out, Strided[] inputs,
            Consumer<Strided[]> cpuOp) {
        if (out.numel() == 0) {
            return;
        }
        for (Strided in : inputs) {
            if (in.dtype() != out.dtype()) {
                throw new IllegalArgumentException(primitive + ": operand " + in + " does not have the output's dtype "
                        + out.dtype());
            }
        }
        Strided[] operands = new Strided[inputs.length + 1];
        operands[0] = out;
        System.arraycopy(inputs, 0, operands, 1, inputs.length);
        int[][] strides = Arrays.stream(operands).map(Strided::strides).toArray(int[][]::new);
        Coalesced loop = Coalesced.of(out.shape(), strides);
        ElementwiseRoute route = ElementwiseRoute.of(loop);
        if (route == ElementwiseRoute.HOST) {
            host.run(primitive, ElementwiseRoute.hostReason(loop), inputs, new Strided[] {out}, cpuOp);
            return;
        }
        long[] addresses = Arrays.stream(operands).mapToLong(this::address).toArray();
        launch(ElementwiseCalls.of(family, out.dtype(), route, loop, op, addresses));
    }

    @Override
    public synchronized void reduce(ReduceOp op, Strided x, Strided out) {
        ReducePlan plan = ReducePlan.of(x.shape(), x.strides(), out.shape());
        context.makeCurrent();
        if (out.numel() == 0) {
            return;
        }
        if (x.dtype() != out.dtype()) {
            host.run("reduce " + op, "no PTX reduction for " + x.dtype() + " -> " + out.dtype(), new Strided[] {x},
                    new Strided[] {out}, v -> host.cpu().reduce(op, v[0], v[1]));
            return;
        }
        try (DeviceScratch scratch = scratch()) {
            Strided source = plan.permutation() == null ? x
                    : scratch.denseCopy(new Strided(x.storage(), plan.permute(x.shape()), plan.permute(x.strides()),
                            x.offset()));
            writeDense(scratch, out, target -> launch(KernelCalls.reduce(op, x.dtype(), plan, address(target),
                    address(source))));
        }
    }

    @Override
    public synchronized void argReduce(ReduceOp op, Strided x, int axis, Strided out) {
        KernelOps.argReduce(op);
        context.makeCurrent();
        if (out.numel() == 0) {
            return;
        }
        if (out.dtype() != DType.INT64 || x.shape()[axis] == 0) {
            host.run("argReduce " + op, "no PTX arg-reduction into " + out.dtype() + " (or an empty axis)",
                    new Strided[] {x}, new Strided[] {out}, v -> host.cpu().argReduce(op, v[0], axis, v[1]));
            return;
        }
        AxisSplit split = AxisSplit.of(x.shape(), axis);
        try (DeviceScratch scratch = scratch()) {
            Strided source = scratch.dense(x);
            int count = Math.toIntExact((long) split.outer() * split.inner());
            long indices = scratch.raw(4L * count);
            launch(KernelCalls.argReduce(op, x.dtype(), split, indices, address(source)));
            writeDense(scratch, out, target -> {
                fillDense(target, 0);
                pitchedCopy(PitchedCopy.widen(count), indices, address(target));
            });
        }
    }

    /**
     * The {@code random_*} kernels, which compute core's {@link dev.nabla.backend.CounterRng} stream as the CPU
     * does (element i of the view, row-major, at counter {@code offset + i}); a strided view is filled through
     * a dense scratch.
     */
    @Override
    public synchronized void random(RandomOp op, long seed, long offset, double a, double b, Strided out) {
        context.makeCurrent();
        if (out.numel() == 0) {
            return;
        }
        try (DeviceScratch scratch = scratch()) {
            writeDense(scratch, out, target -> launch(KernelCalls.random(op, out.dtype(), out.numel(), seed, offset, a,
                    b, address(target))));
        }
    }

    @Override
    public synchronized void gather(Strided x, int axis, Strided index, Strided out) {
        context.makeCurrent();
        if (out.numel() == 0) {
            return;
        }
        Optional<IndexPlan> plan = IndexPlan.of(x.shape(), axis, index.shape(), index.strides());
        GatherPlan general = GatherPlan.gather(x, axis, index, out);
        boolean select = plan.isPresent() && KernelNames.hasFloatKernels(x.dtype());
        if (index.dtype() != DType.INT64 || !select && !general.fitsLayout()) {
            host.run("gather", "an index of " + index.dtype() + " or a loop of rank above 8", new Strided[] {x, index},
                    new Strided[] {out}, v -> host.cpu().gather(v[0], axis, v[1], v[2]));
            return;
        }
        if (!select) {
            launch(KernelCalls.gathered("gather_strided", x.dtype(), general, address(out), address(x), address(index)));
            return;
        }
        IndexPlan p = plan.get();
        try (DeviceScratch scratch = scratch()) {
            Strided source = scratch.dense(x);
            long indices = narrowIndices(scratch, index, p.indexStride(), p.numIndices());
            writeDense(scratch, out, target -> launch(KernelCalls.indexed("index_select", x.dtype(), p, address(target),
                    address(source), indices)));
        }
    }

    @Override
    public synchronized void scatterAdd(Strided dst, int axis, Strided index, Strided src) {
        context.makeCurrent();
        if (src.numel() == 0) {
            return;
        }
        Optional<IndexPlan> plan = IndexPlan.of(dst.shape(), axis, index.shape(), index.strides());
        GatherPlan general = GatherPlan.scatterAdd(dst, axis, index, src);
        // index_add (float only) where the index varies along the axis alone; the strided kernel (every dtype) otherwise
        boolean indexAdd = plan.isPresent() && dst.isContiguous() && KernelNames.hasFloatKernels(dst.dtype());
        if (src.dtype() != dst.dtype() || index.dtype() != DType.INT64 || !indexAdd && !general.fitsLayout()) {
            host.run("scatterAdd", "mixed dtypes, a non-INT64 index or a loop of rank above 8",
                    new Strided[] {index, src}, new Strided[] {dst}, v -> host.cpu().scatterAdd(v[2], axis, v[0], v[1]));
            return;
        }
        if (!indexAdd) {
            launch(KernelCalls.gathered("scatter_add_strided", dst.dtype(), general, address(dst), address(src),
                    address(index)));
            return;
        }
        IndexPlan p = plan.get();
        try (DeviceScratch scratch = scratch()) {
            Strided source = scratch.dense(src);
            long indices = narrowIndices(scratch, index, p.indexStride(), p.numIndices());
            launch(KernelCalls.indexed("index_add", dst.dtype(), p, address(dst), address(source), indices));
        }
    }

    /** {@code count} INT64 indices {@code stride} apart as a dense int32 scratch array (their low words). */
    long narrowIndices(DeviceScratch scratch, Strided index, int stride, int count) {
        long indices = scratch.raw(4L * count);
        pitchedCopy(PitchedCopy.narrow(stride, count), address(index), indices);
        return indices;
    }

    void pitchedCopy(PitchedCopy copy, long src, long dst) {
        if (copy.height() == 0) {
            return;
        }
        CUDA_MEMCPY2D p = new CUDA_MEMCPY2D();
        p.srcMemoryType = CUmemorytype.CU_MEMORYTYPE_DEVICE;
        p.srcDevice = DevicePointers.at(src);
        p.srcPitch = copy.srcPitch();
        p.dstMemoryType = CUmemorytype.CU_MEMORYTYPE_DEVICE;
        p.dstDevice = DevicePointers.at(dst);
        p.dstPitch = copy.dstPitch();
        p.WidthInBytes = copy.widthBytes();
        p.Height = copy.height();
        check("cuMemcpy2DAsync", JCudaDriver.cuMemcpy2DAsync(p, context.stream()));
    }

    /** The one cuDNN handle of convolution and the recurrent layers, when cuDNN serves convolutions. */
    Optional<CudnnHandle> cudnn() {
        if (cudnn == null) {
            cudnn = libraries.cudnn().map(c -> new CudnnHandle(c, context.stream()));
        }
        return cudnn;
    }

    /**
     * The fast paths are separate objects that share this backend's stream, allocator and lock; each
     * locks this backend while it queues work, as the primitives do.
     */
    @Override
    public <K extends FastPath> Optional<K> fastPath(Class<K> kind) {
        return fastPaths.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** Frees all device memory, the pinned buffer, modules, library handles and the stream, and releases the context. */
    @Override
    public synchronized void close() {
        context.makeCurrent();
        context.synchronize();
        matmul.close();
        if (cudnn != null) {
            cudnn.ifPresent(CudnnHandle::close);
        }
        launcher.close();
        allocator.close();
        staging.close();
        context.close();
    }

    /** Makes this device's context current on the calling thread; callers hold this backend's lock. */
    void makeCurrent() {
        context.makeCurrent();
    }

    /** The device's one stream. */
    DevicePointers.Stream stream() {
        return context.stream();
    }

    KernelLauncher launcher() {
        return launcher;
    }

    CachingAllocator allocator() {
        return allocator;
    }

    /** Scratch buffers for one call, released when it is closed. */
    DeviceScratch scratch() {
        return new DeviceScratch(this);
    }

    /** {@code bytes} of untyped device memory from the cache; the caller holds this backend's lock. */
    DeviceBlock allocateRaw(long bytes) {
        return allocator.allocate(bytes);
    }

    /** Queues one kernel launch on this device's stream; the caller holds this backend's lock. */
    void launch(KernelCall l) {
        launcher.launch(l.kernel(), l.geometry(), l.args());
    }

    /** Queues one kernel launch, taking this backend's lock and making its context current first. */
    void submit(KernelCall l) {
        locked(() -> launch(l));
    }

    /**
     * Runs {@code work} holding this backend's lock with its context current, so that a fast path's sequence of
     * launches, copies and lazy set-up is not interleaved with another thread's calls.
     */
    synchronized void locked(Runnable work) {
        context.makeCurrent();
        work.run();
    }

    /** {@link #locked} with a scratch for the work's buffers, released when it ends. */
    void withScratch(Consumer<DeviceScratch> work) {
        locked(() -> {
            try (DeviceScratch scratch = scratch()) {
                work.accept(scratch);
            }
        });
    }

    private static void requireSameShape(String primitive, Strided a, Strided out) {
        if (!Arrays.equals(a.shape(), out.shape())) {
            throw new IllegalArgumentException(primitive + ": operand shape " + Arrays.toString(a.shape())
                    + " differs from output shape " + Arrays.toString(out.shape()));
        }
    }

    private CudaStorage storage(Strided view) {
        if (!(view.storage() instanceof CudaStorage s) || s.backend() != this) {
            throw new IllegalArgumentException("CudaBackend: " + view + " does not live on " + device);
        }
        return s;
    }

    long address(Strided view) {
        return storage(view).addressOf(view.offset());
    }

    /** The address of an optional operand, 0 (the kernels' null) when absent. */
    long addressOrZero(Strided view) {
        return view == null ? 0 : address(view);
    }

    private CUdeviceptr at(Strided view) {
        return DevicePointers.at(address(view));
    }

    /**
     * Runs {@code write} on {@code out} when it is dense, else on a dense scratch of its shape that is then
     * copied into {@code out} (the kernels write contiguous outputs only).
     */
    void writeDense(DeviceScratch scratch, Strided out, Consumer<Strided> write) {
        Strided target = out.isContiguous() ? out : scratch.dense(out.dtype(), out.shape());
        write.accept(target);
        if (target != out) {
            copySameDtype(target, out);
        }
    }
}
