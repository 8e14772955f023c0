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
import dev.nabla.backend.fast.AdamKernel;
import dev.nabla.backend.fast.AttentionBackwardKernel;
import dev.nabla.backend.fast.AttentionKernel;
import dev.nabla.backend.fast.BiasActivationKernel;
import dev.nabla.backend.fast.ColumnLayout;
import dev.nabla.backend.fast.ConvGeometry;
import dev.nabla.backend.fast.ConvKernel;
import dev.nabla.backend.fast.CrossEntropyKernel;
import dev.nabla.backend.fast.FusedActivation;
import dev.nabla.backend.fast.GruCellKernel;
import dev.nabla.backend.fast.Im2ColKernel;
import dev.nabla.backend.fast.LayerNormKernel;
import dev.nabla.backend.fast.LstmCellKernel;
import dev.nabla.backend.fast.MatmulKernel;
import dev.nabla.backend.fast.PoolGeometry;
import dev.nabla.backend.fast.PoolKernel;
import dev.nabla.backend.fast.RecurrenceGradients;
import dev.nabla.backend.fast.RecurrenceKernel;
import dev.nabla.backend.fast.RecurrenceOperands;
import dev.nabla.backend.fast.RecurrenceProblem;
import dev.nabla.backend.fast.ReferenceConv;
import dev.nabla.backend.fast.SoftmaxKernel;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import jcuda.driver.CUDA_MEMCPY2D;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUmemorytype;
import jcuda.driver.JCudaDriver;

/**
 * The CUDA backend: every primitive on the PTX kernels of {@code nabla-kernels-ptx}, GEMM on cuBLAS
 * (or the PTX GEMM), convolution and whole recurrent layers on cuDNN, attention on the flash-attention kernels,
 * and the fused layer tails (softmax, layer norm, Adam, the LSTM and GRU cells, bias plus activation,
 * cross-entropy) on their own kernels. What has no kernel
 * (INT64 arg-reductions and scatter-adds, float64 or long-head attention, loops of rank above 8) runs on
 * the CPU backend through {@link HostFallback}, logged once per case. Calls are serialised on this backend; all device work
 * goes to one stream, so scratch buffers can return to the cache as soon as their work is queued.
 */
public final class CudaBackend implements Backend, MatmulKernel, AttentionKernel, AttentionBackwardKernel, ConvKernel,
        Im2ColKernel, PoolKernel, SoftmaxKernel, LayerNormKernel, AdamKernel, LstmCellKernel, GruCellKernel, BiasActivationKernel,
        CrossEntropyKernel, RecurrenceKernel, AutoCloseable {

    private final Device device;
    private final CudaLibraries libraries;
    private final CudaContext context;
    private final CachingAllocator allocator;
    private final PinnedStaging staging;
    private final KernelLauncher launcher;
    private final HostFallback host;
    private GemmEngine gemm;
    private Optional<CudnnHandle> cudnn;
    private Optional<CudnnConvolution> convolution;
    private CudnnRecurrence recurrence;

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
    private void copySameDtype(Strided src, Strided dst) {
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

    private void fillDense(Strided dst, double value) {
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
        try (Scratch scratch = new Scratch()) {
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
        if (!KernelNames.hasFloatKernels(x.dtype()) || out.dtype() != DType.INT64 || x.shape()[axis] == 0) {
            host.run("argReduce " + op, "no PTX arg-reduction for " + x.dtype() + " (or an empty axis)",
                    new Strided[] {x}, new Strided[] {out}, v -> host.cpu().argReduce(op, v[0], axis, v[1]));
            return;
        }
        AxisSplit split = AxisSplit.of(x.shape(), axis);
        try (Scratch scratch = new Scratch()) {
            Strided source = x.isContiguous() ? x : scratch.denseCopy(x);
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
        try (Scratch scratch = new Scratch()) {
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
        try (Scratch scratch = new Scratch()) {
            Strided source = x.isContiguous() ? x : scratch.denseCopy(x);
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
        boolean indexAdd = plan.isPresent() && dst.isContiguous();
        if (!KernelNames.hasFloatKernels(dst.dtype()) || src.dtype() != dst.dtype() || index.dtype() != DType.INT64
                || !indexAdd && !general.fitsLayout()) {
            host.run("scatterAdd", "no atomic add for " + dst.dtype() + ", mixed dtypes or a loop of rank above 8",
                    new Strided[] {index, src}, new Strided[] {dst}, v -> host.cpu().scatterAdd(v[2], axis, v[0], v[1]));
            return;
        }
        if (!indexAdd) {
            launch(KernelCalls.gathered("scatter_add_strided", dst.dtype(), general, address(dst), address(src),
                    address(index)));
            return;
        }
        IndexPlan p = plan.get();
        try (Scratch scratch = new Scratch()) {
            Strided source = src.isContiguous() ? src : scratch.denseCopy(src);
            long indices = narrowIndices(scratch, index, p.indexStride(), p.numIndices());
            launch(KernelCalls.indexed("index_add", dst.dtype(), p, address(dst), address(source), indices));
        }
    }

    /** {@code count} INT64 indices {@code stride} apart as a dense int32 scratch array (their low words). */
    private long narrowIndices(Scratch scratch, Strided index, int stride, int count) {
        long indices = scratch.raw(4L * count);
        pitchedCopy(PitchedCopy.narrow(stride, count), address(index), indices);
        return indices;
    }

    private void pitchedCopy(PitchedCopy copy, long src, long dst) {
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

    @Override
    public synchronized void matmul(Strided a, Strided b, Strided out) {
        context.makeCurrent();
        if (!KernelNames.hasFloatKernels(out.dtype()) || a.dtype() != out.dtype() || b.dtype() != out.dtype()
                || !out.isContiguous()) {
            throw new IllegalArgumentException("matmul: needs FLOAT32/FLOAT64 operands of one dtype and a contiguous output, got "
                    + a + ", " + b + " -> " + out);
        }
        if (out.numel() == 0) {
            return;
        }
        int k = a.shape()[a.rank() - 1];
        if (k == 0) {
            fillDense(out, 0);
            return;
        }
        try (Scratch scratch = new Scratch()) {
            Strided left = gemmReady(a, scratch);
            Strided right = gemmReady(b, scratch);
            GemmPlan plan = GemmPlan.of(left.shape(), left.strides(), right.shape(), right.strides(), out.shape())
                    .orElseThrow(() -> new IllegalStateException("matmul: dense operands did not plan"));
            gemmEngine().gemm(out.dtype(), plan, address(left), address(right), address(out));
        }
    }

    /** The view itself when its last two dimensions are row- or column-dense, else a dense copy. */
    private Strided gemmReady(Strided v, Scratch scratch) {
        int r = v.rank();
        boolean usable = GemmOperand.describe(v.shape()[r - 2], v.shape()[r - 1], v.strides()[r - 2], v.strides()[r - 1])
                .isPresent();
        return usable ? v : scratch.denseCopy(v);
    }

    private GemmEngine gemmEngine() {
        if (gemm == null) {
            boolean tf32 = Boolean.getBoolean(GemmEngine.TF32_PROPERTY);
            gemm = switch (libraries.gemm().provider()) {
                case JCUBLAS2 -> new JCublasGemm(context.stream(), tf32);
                case CUBLAS_JNA -> new JnaCublasGemm(libraries.cublas().orElseThrow(), context.stream(), tf32);
                default -> new PtxGemm(launcher);
            };
        }
        return gemm;
    }

    @Override
    public synchronized void conv2d(Strided x, Strided w, ConvGeometry geometry, Strided out) {
        convolution(CudnnConvolution.Direction.FORWARD, geometry, x, w, out, out);
    }

    @Override
    public synchronized void conv2dBackwardData(Strided gradOut, Strided w, ConvGeometry geometry, Strided gradInput) {
        convolution(CudnnConvolution.Direction.BACKWARD_DATA, geometry, gradInput, w, gradOut, gradInput);
    }

    @Override
    public synchronized void conv2dBackwardFilter(Strided x, Strided gradOut, ConvGeometry geometry, Strided gradWeight) {
        convolution(CudnnConvolution.Direction.BACKWARD_FILTER, geometry, x, gradWeight, gradOut, gradWeight);
    }

    /**
     * One convolution direction over input {@code x}, weight {@code w} and output {@code y}, one of
     * which is {@code written} (dense, overwritten): cuDNN when it was found, else core's column lowering
     * ({@link ReferenceConv}) on this backend's im2col/col2im kernels and GEMM. Read operands that are not
     * dense are copied first.
     */
    private void convolution(CudnnConvolution.Direction direction, ConvGeometry geometry, Strided x, Strided w,
            Strided y, Strided written) {
        context.makeCurrent();
        if (written.numel() == 0) {
            return;
        }
        if (x.numel() == 0 || w.numel() == 0 || y.numel() == 0) {
            fillDense(written, 0);
            return;
        }
        Optional<CudnnConvolution> cudnn = cudnnConvolution();
        if (cudnn.isEmpty() || !KernelNames.hasFloatKernels(written.dtype())) {
            ConvKernel reference = new ReferenceConv(this);
            switch (direction) {
                case FORWARD -> reference.conv2d(x, w, geometry, y);
                case BACKWARD_DATA -> reference.conv2dBackwardData(y, w, geometry, x);
                case BACKWARD_FILTER -> reference.conv2dBackwardFilter(x, y, geometry, w);
            }
            return;
        }
        try (Scratch scratch = new Scratch()) {
            Strided dx = x == written || x.isContiguous() ? x : scratch.denseCopy(x);
            Strided dw = w == written || w.isContiguous() ? w : scratch.denseCopy(w);
            Strided dy = y == written || y.isContiguous() ? y : scratch.denseCopy(y);
            CudnnConvolution.Problem problem = new CudnnConvolution.Problem(written.dtype(), x.shape(), w.shape(),
                    y.shape(), geometry);
            cudnn.get().run(direction, problem, address(dx), address(dw), address(dy), scratch::raw);
        }
    }

    private Optional<CudnnConvolution> cudnnConvolution() {
        if (convolution == null) {
            convolution = cudnn().map(h -> new CudnnConvolution(h, Boolean.getBoolean(GemmEngine.TF32_PROPERTY)));
        }
        return convolution;
    }

    /** The {@code im2col_T} kernel: one thread per column entry. */
    @Override
    public synchronized void im2col(Strided x, ConvGeometry geometry, int kh, int kw, Strided cols) {
        columnKernel("im2col", x, geometry, kh, kw, cols, cols, x);
    }

    /** The {@code col2im_T} kernel: one thread per image element, summing its column entries (no atomics). */
    @Override
    public synchronized void col2im(Strided cols, ConvGeometry geometry, int kh, int kw, Strided gradInput) {
        columnKernel("col2im", gradInput, geometry, kh, kw, cols, gradInput, cols);
    }

    /**
     * One {@code family} launch between {@code image} and {@code cols}: {@code read} is made dense first,
     * {@code written} is written through a dense scratch when strided.
     */
    private void columnKernel(String family, Strided image, ConvGeometry geometry, int kh, int kw, Strided cols,
            Strided written, Strided read) {
        ColumnLayout layout = ColumnLayout.between(family, image, geometry, kh, kw, cols);
        if (!KernelNames.hasFloatKernels(cols.dtype())) {
            throw new IllegalArgumentException(family + ": no PTX kernel for " + cols.dtype());
        }
        context.makeCurrent();
        if (written.numel() == 0) {
            return;
        }
        try (Scratch scratch = new Scratch()) {
            Strided source = read.isContiguous() ? read : scratch.denseCopy(read);
            writeDense(scratch, written, target -> launch(KernelCalls.columns(family, cols.dtype(), layout,
                    target.numel(), address(target), address(source))));
        }
    }

    /** The one cuDNN handle of convolution and the recurrent layers, when cuDNN serves convolutions. */
    private Optional<CudnnHandle> cudnn() {
        if (cudnn == null) {
            cudnn = libraries.cudnn().map(c -> new CudnnHandle(c, context.stream()));
        }
        return cudnn;
    }

    /** cuDNN's RNN API serves FLOAT32/FLOAT64 layers unless switched off ({@link CudnnRecurrence#PROPERTY}). */
    @Override
    public boolean supportsRecurrence(RecurrenceProblem problem) {
        return CudnnRecurrence.supports(libraries.rnn(), problem.dtype());
    }

    @Override
    public synchronized Object recurrenceForward(RecurrenceProblem problem, RecurrenceOperands operands,
            boolean training) {
        context.makeCurrent();
        return recurrence().forward(problem, operands, training);
    }

    @Override
    public synchronized void recurrenceBackward(RecurrenceProblem problem, Object saved, RecurrenceOperands operands,
            RecurrenceGradients gradients) {
        context.makeCurrent();
        recurrence().backward(problem, saved, operands, gradients);
    }

    private CudnnRecurrence recurrence() {
        if (recurrence == null) {
            CudnnHandle handle = cudnn().orElseThrow(() -> new IllegalStateException("cuDNN RNN on " + device
                    + ": no cuDNN (" + libraries.rnn().describe() + ")"));
            recurrence = new CudnnRecurrence(handle, allocator, context.stream(), this::address);
        }
        return recurrence;
    }

    @Override
    public synchronized void maxPool2d(Strided x, PoolGeometry geometry, Strided out, Strided indices) {
        context.makeCurrent();
        if (out.numel() == 0) {
            return;
        }
        try (Scratch scratch = new Scratch()) {
            Strided source = x.isContiguous() ? x : scratch.denseCopy(x);
            long argmax = scratch.raw(4L * out.numel());
            launch(KernelCalls.pool("maxpool2d_forward", x.dtype(), x.shape(), geometry, out.numel(),
                    new long[] {address(out), argmax, address(source)}, null));
            // every window holds at least one input cell (padding <= kernel / 2), so the int32 positions are >= 0
            fillDense(indices, 0);
            pitchedCopy(PitchedCopy.widen(out.numel()), argmax, address(indices));
        }
    }

    @Override
    public synchronized void maxPool2dBackward(Strided gradOut, Strided indices, PoolGeometry geometry,
            Strided gradInput) {
        context.makeCurrent();
        if (gradInput.numel() == 0) {
            return;
        }
        try (Scratch scratch = new Scratch()) {
            Strided gy = gradOut.isContiguous() ? gradOut : scratch.denseCopy(gradOut);
            Strided positions = indices.isContiguous() ? indices : scratch.denseCopy(indices);
            long argmax = scratch.raw(4L * positions.numel());
            pitchedCopy(PitchedCopy.narrow(1, positions.numel()), address(positions), argmax);
            launch(KernelCalls.pool("maxpool2d_backward", gy.dtype(), gradInput.shape(), geometry, gradInput.numel(),
                    new long[] {address(gradInput), address(gy), argmax}, null));
        }
    }

    @Override
    public synchronized void avgPool2d(Strided x, PoolGeometry geometry, boolean countIncludePad, Strided out) {
        averagePool("avgpool2d_forward", x, x.shape(), geometry, countIncludePad, out);
    }

    @Override
    public synchronized void avgPool2dBackward(Strided gradOut, PoolGeometry geometry, boolean countIncludePad,
            Strided gradInput) {
        averagePool("avgpool2d_backward", gradOut, gradInput.shape(), geometry, countIncludePad, gradInput);
    }

    /** One average-pooling kernel reading {@code read} (made dense first if needed) and overwriting {@code written}. */
    private void averagePool(String family, Strided read, int[] inputShape, PoolGeometry geometry,
            boolean countIncludePad, Strided written) {
        context.makeCurrent();
        if (written.numel() == 0) {
            return;
        }
        try (Scratch scratch = new Scratch()) {
            Strided source = read.isContiguous() ? read : scratch.denseCopy(read);
            launch(KernelCalls.pool(family, read.dtype(), inputShape, geometry, written.numel(),
                    new long[] {address(written), address(source)}, countIncludePad));
        }
    }

    @Override
    public synchronized void adamStep(Strided param, Strided expAvg, Strided expAvgSq, Strided grad, double lr,
            double beta1, double beta2, double eps, double bias1, double bias2) {
        context.makeCurrent();
        if (param.numel() == 0) {
            return;
        }
        launch(KernelCalls.adam(param.dtype(), param.numel(), address(param), address(expAvg), address(expAvgSq),
                address(grad), lr, beta1, beta2, eps, bias1, bias2));
    }

    @Override
    public synchronized void softmax(Strided x, boolean log, Strided out) {
        context.makeCurrent();
        int cols = x.shape()[x.rank() - 1];
        launch(KernelCalls.softmaxForward(x.dtype(), x.numel() / cols, cols, log, address(out), address(x)));
    }

    @Override
    public synchronized void softmaxBackward(Strided y, Strided gradOut, boolean log, Strided gradInput) {
        context.makeCurrent();
        int cols = y.shape()[y.rank() - 1];
        launch(KernelCalls.softmaxBackward(y.dtype(), y.numel() / cols, cols, log, address(gradInput), address(y),
                address(gradOut)));
    }

    @Override
    public synchronized void layerNorm(Strided x, Strided gamma, Strided beta, double eps, Strided out, Strided mean,
            Strided rstd) {
        context.makeCurrent();
        int cols = x.shape()[x.rank() - 1];
        launch(KernelCalls.layerNormForward(x.dtype(), x.numel() / cols, cols, eps, address(out), address(mean),
                address(rstd), address(x), addressOrZero(gamma), addressOrZero(beta)));
    }

    @Override
    public synchronized void layerNormBackward(Strided x, Strided mean, Strided rstd, Strided gamma, Strided gradOut,
            Strided gradInput) {
        context.makeCurrent();
        int cols = x.shape()[x.rank() - 1];
        launch(KernelCalls.layerNormBackward(x.dtype(), x.numel() / cols, cols, address(gradInput), address(gradOut),
                address(x), address(mean), address(rstd), addressOrZero(gamma)));
    }

    @Override
    public synchronized void layerNormParamsBackward(Strided x, Strided mean, Strided rstd, Strided gradOut,
            Strided gradGamma, Strided gradBeta) {
        context.makeCurrent();
        int cols = x.shape()[x.rank() - 1];
        launch(KernelCalls.layerNormParamsBackward(x.dtype(), x.numel() / cols, cols, addressOrZero(gradGamma),
                addressOrZero(gradBeta), address(gradOut), address(x), address(mean), address(rstd)));
    }

    /** Declines (core composes the loss) for INT64 logits, an ignore index beyond int32 or a zero-stride target. */
    @Override
    public synchronized boolean crossEntropyForward(Strided logits, Strided target, long ignoreIndex, Strided loss,
            Strided logsumexp) {
        int rows = logits.shape()[0];
        int classes = logits.shape()[1];
        if (!KernelNames.hasFloatKernels(logits.dtype()) || ignoreIndex != (int) ignoreIndex || rows == 0 || classes == 0
                || target.strides()[0] < 1) {
            return false;
        }
        context.makeCurrent();
        try (Scratch scratch = new Scratch()) {
            long targets = narrowIndices(scratch, target, target.strides()[0], rows);
            launch(KernelCalls.crossEntropyForward(logits.dtype(), rows, classes, (int) ignoreIndex, address(loss),
                    address(logsumexp), address(logits), targets));
        }
        return true;
    }

    @Override
    public synchronized void crossEntropyBackward(Strided logits, Strided logsumexp, Strided target, long ignoreIndex,
            Strided gradLoss, Strided gradLogits) {
        int rows = logits.shape()[0];
        int classes = logits.shape()[1];
        context.makeCurrent();
        try (Scratch scratch = new Scratch()) {
            long targets = narrowIndices(scratch, target, target.strides()[0], rows);
            launch(KernelCalls.crossEntropyBackward(logits.dtype(), rows, classes, (int) ignoreIndex, address(gradLogits),
                    address(logits), address(logsumexp), targets, address(gradLoss)));
        }
    }

    @Override
    public synchronized void lstmCellForward(Strided gates, Strided c, Strided hc) {
        context.makeCurrent();
        if (c.numel() == 0) {
            return;
        }
        launch(KernelCalls.lstmCellForward(c.dtype(), c.shape()[0], c.shape()[1], address(hc), address(gates), address(c)));
    }

    @Override
    public synchronized void lstmCellBackward(Strided gates, Strided c, Strided hc, Strided gradHc, Strided gradGates,
            Strided gradC) {
        context.makeCurrent();
        if (c.numel() == 0) {
            return;
        }
        launch(KernelCalls.lstmCellBackward(c.dtype(), c.shape()[0], c.shape()[1], address(gradGates), address(gradC),
                address(gates), address(c), address(hc), address(gradHc)));
    }

    @Override
    public synchronized void gruCellForward(Strided xProj, Strided hProj, Strided h, Strided hNew) {
        context.makeCurrent();
        if (h.numel() == 0) {
            return;
        }
        launch(KernelCalls.gruCellForward(h.dtype(), h.shape()[0], h.shape()[1], address(hNew), address(xProj),
                address(hProj), address(h)));
    }

    @Override
    public synchronized void gruCellBackward(Strided xProj, Strided hProj, Strided h, Strided gradHNew,
            Strided gradXProj, Strided gradHProj, Strided gradH) {
        context.makeCurrent();
        if (h.numel() == 0) {
            return;
        }
        launch(KernelCalls.gruCellBackward(h.dtype(), h.shape()[0], h.shape()[1],
                new long[] {address(gradXProj), address(gradHProj), address(gradH)},
                new long[] {address(xProj), address(hProj), address(h), address(gradHNew)}));
    }

    @Override
    public synchronized void biasActivation(Strided x, Strided bias, int inner, FusedActivation act, Strided out) {
        context.makeCurrent();
        if (x.numel() == 0) {
            return;
        }
        launch(KernelCalls.biasActivation(x.numel(), bias.numel(), inner, act, address(out), address(x), address(bias)));
    }

    @Override
    public synchronized void biasActivationBackward(Strided y, Strided gradOut, int inner, FusedActivation act,
            Strided gradX, Strided gradBias) {
        context.makeCurrent();
        if (y.numel() == 0) {
            return;
        }
        int channels = gradBias.numel();
        launch(KernelCalls.biasActivationBackward(y.numel(), act, address(gradX), address(y), address(gradOut)));
        launch(KernelCalls.biasGrad(y.numel() / (channels * inner), channels, inner, address(gradBias), address(gradX)));
    }

    @Override
    public synchronized void attentionForward(Strided q, Strided k, Strided v, Strided keep, boolean causal, double scale,
            Strided out, Strided logsumexp) {
        context.makeCurrent();
        Optional<String> whyNot = AttentionRoute.whyNotPtx(q.dtype(), q.shape()[1], k.shape()[1], q.shape()[2],
                v.shape()[2]);
        if (out.numel() == 0) {
            return;
        }
        if (whyNot.isPresent()) {
            Strided[] inputs = keep == null ? new Strided[] {q, k, v} : new Strided[] {q, k, v, keep};
            host.run("attention", whyNot.get(), inputs, new Strided[] {out, logsumexp},
                    x -> ((AttentionKernel) host.cpu()).attentionForward(x[0], x[1], x[2], keep == null ? null : x[3],
                            causal, scale, x[inputs.length], x[inputs.length + 1]));
            return;
        }
        launch(KernelCalls.attentionForward(problem(q, k, keep, causal, scale), address(out), address(logsumexp),
                address(q), address(k), address(v)));
    }

    /** The PTX backward kernels, unless switched off ({@link AttentionRoute#BACKWARD_PROPERTY}) or outside their limits. */
    @Override
    public synchronized boolean attentionBackward(Strided q, Strided k, Strided v, Strided keep, Strided out,
            Strided logsumexp, Strided gradOut, boolean causal, double scale, Strided gradQ, Strided gradK,
            Strided gradV) {
        int batch = q.shape()[0];
        int lq = q.shape()[1];
        if (AttentionRoute.whyNotPtxBackward(AttentionRoute.backwardEnabled(), q.dtype(), lq, k.shape()[1],
                q.shape()[2], v.shape()[2]).isPresent() || batch == 0) {
            return false;
        }
        context.makeCurrent();
        AttentionProblem problem = problem(q, k, keep, causal, scale);
        try (Scratch scratch = new Scratch()) {
            Strided delta = scratch.dense(DType.FLOAT32, new int[] {batch * lq});
            launch(KernelCalls.attentionBackwardDelta(batch * lq, problem.d(), address(delta), address(out),
                    address(gradOut)));
            long[] inputs = {address(q), address(k), address(v), address(gradOut), address(logsumexp), address(delta)};
            launch(KernelCalls.attentionBackwardDq(problem, address(gradQ), inputs));
            launch(KernelCalls.attentionBackwardDkDv(problem, address(gradK), address(gradV), inputs));
        }
        return true;
    }

    private AttentionProblem problem(Strided q, Strided k, Strided keep, boolean causal, double scale) {
        return AttentionProblem.of(q, k, keep, addressOrZero(keep), causal, scale);
    }

    /** Frees all device memory, the pinned buffer, modules, library handles and the stream, and releases the context. */
    @Override
    public synchronized void close() {
        context.makeCurrent();
        context.synchronize();
        if (gemm != null) {
            gemm.close();
        }
        if (cudnn != null) {
            cudnn.ifPresent(CudnnHandle::close);
        }
        launcher.close();
        allocator.close();
        staging.close();
        context.close();
    }

    private void launch(KernelCall l) {
        launcher.launch(l.kernel(), l.geometry(), l.args());
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

    private long address(Strided view) {
        return storage(view).addressOf(view.offset());
    }

    /** The address of an optional operand, 0 (the kernels' null) when absent. */
    private long addressOrZero(Strided view) {
        return view == null ? 0 : address(view);
    }

    private CUdeviceptr at(Strided view) {
        return DevicePointers.at(address(view));
    }

    /**
     * Runs {@code write} on {@code out} when it is dense, else on a dense scratch of its shape that is then
     * copied into {@code out} (the kernels write contiguous outputs only).
     */
    private void writeDense(Scratch scratch, Strided out, Consumer<Strided> write) {
        Strided target = out.isContiguous() ? out : scratch.dense(out.dtype(), out.shape());
        write.accept(target);
        if (target != out) {
            copySameDtype(target, out);
        }
    }

    /** Scratch device buffers for one primitive, returned to the cache when it ends (stream order keeps them valid). */
    private final class Scratch implements AutoCloseable {

        private final java.util.List<AutoCloseable> blocks = new java.util.ArrayList<>();

        /** An uninitialised dense view of {@code shape}. */
        Strided dense(DType dtype, int[] shape) {
            CudaStorage s = allocateUninitialized(dtype, AxisSplit.product(shape, 0, shape.length), "scratch");
            blocks.add(s);
            return Strided.contiguous(s, shape);
        }

        /** A dense copy of {@code view}. */
        Strided denseCopy(Strided view) {
            Strided copy = dense(view.dtype(), view.shape());
            copySameDtype(view, copy);
            return copy;
        }

        /** {@code bytes} of raw device memory (for int32 index arrays, which have no dtype). */
        long raw(long bytes) {
            DeviceBlock block = allocator.allocate(Math.max(bytes, 4));
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
}
