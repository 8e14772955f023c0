package dev.nabla.cuda;

import static dev.nabla.cuda.DriverCalls.check;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.nabla.DType;
import dev.nabla.backend.Strided;
import dev.nabla.backend.fast.RecurrenceGradients;
import dev.nabla.backend.fast.RecurrenceOperands;
import dev.nabla.backend.fast.RecurrenceProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * One recurrent layer, all its directions, over whole sequences through cuDNN 9's v8 RNN API on the shared
 * {@link CudnnHandle}: core's {@code RecurrenceKernel} on CUDA. Core's weight tensors are copied gate block by
 * gate block into a cuDNN weight space ({@link RnnWeightLayout}), and the weight gradients back out of one.
 * A training forward leaves the weight space, cuDNN's reserve space and the device copy of the sequence
 * lengths to its backward ({@link Saved}); they return to the allocator when core drops the saved state (with
 * the graph node that holds it), so a retained graph can run the backward again. All work goes to the
 * backend's one stream, so buffers released while their work is queued stay valid for it.
 */
final class CudnnRecurrence {

    /**
     * The system property that switches this path on ({@code true}). Off by default until a GPU run has checked
     * it against the CPU (the calls were written from the headers without a GPU): core's own recurrence serves.
     */
    static final String PROPERTY = "nabla.cuda.cudnnRnn";

    private final CudnnHandle cudnn;
    private final CudnnLibrary library;
    private final CachingAllocator allocator;
    private final CUstream stream;
    private final ToLongFunction<Strided> address;

    /**
     * The recurrent layers of one backend.
     *
     * @param cudnn the backend's handle
     * @param allocator where device buffers come from
     * @param stream the handle's stream, for the weight copies and memsets
     * @param address the device address of a view on this backend
     */
    CudnnRecurrence(CudnnHandle cudnn, CachingAllocator allocator, CUstream stream, ToLongFunction<Strided> address) {
        this.cudnn = cudnn;
        this.library = cudnn.library();
        this.allocator = allocator;
        this.stream = stream;
        this.address = address;
    }

    /**
     * Whether this path runs a problem of {@code dtype}: cuDNN's RNN API serves RNNs ({@code rnn}), the dtype is
     * FLOAT32 or FLOAT64, and {@link #PROPERTY} is {@code true}. The probe's decision already needed the switch;
     * it is read again here so that it can be turned off after start-up (a comparison run of core's recurrence).
     */
    static boolean supports(CudaLibraries.Choice rnn, DType dtype) {
        return rnn.provider() == CudaLibraries.Provider.CUDNN_JNA && (dtype == DType.FLOAT32 || dtype == DType.FLOAT64)
                && Boolean.getBoolean(PROPERTY);
    }

    /**
     * {@code RecurrenceKernel.recurrenceForward}: writes y, hy and cy; returns the {@link Saved} state when
     * training, else null.
     */
    Object forward(RecurrenceProblem problem, RecurrenceOperands o, boolean training) {
        int mode = training ? CudnnLibrary.FWD_MODE_TRAINING : CudnnLibrary.FWD_MODE_INFERENCE;
        RnnSettings settings = RnnSettings.of(problem);
        try (RnnDescriptors d = new RnnDescriptors(cudnn, settings, problem); Blocks blocks = new Blocks()) {
            DeviceBlock weights = blocks.allocate(d.weightSpaceBytes());
            copy(weightCopies(problem, d, weights, o.weights()));
            long[] temp = d.tempSpaceBytes(mode);
            DeviceBlock work = blocks.allocate(temp[0]);
            DeviceBlock reserve = blocks.allocate(temp[1]);
            DeviceBlock lengths = blocks.upload(settings.seqLengths());
            // cDesc is the state descriptor for every cell; cx and cy are null except for LSTM
            cudnn.check("cudnnRNNForward", library.cudnnRNNForward(cudnn.pointer(), d.rnn, mode, at(lengths), d.x,
                    at(o.x()), d.y, at(o.y()), d.state, at(o.h0()), at(o.hy()), d.state, at(o.c0()), at(o.cy()),
                    bytes(weights), at(weights), bytes(work), at(work), bytes(reserve), at(reserve)), problem);
            if (!training) {
                return null;
            }
            return Saved.tracked(allocator, blocks.keep(weights), blocks.keep(reserve), blocks.keep(lengths));
        }
    }

    /**
     * {@code RecurrenceKernel.recurrenceBackward}: overwrites dx, dh0, dc0 and the weight gradients; the
     * forward's {@link Saved} state stays valid for another backward.
     */
    void backward(RecurrenceProblem problem, Object state, RecurrenceOperands o, RecurrenceGradients g) {
        Saved saved = Saved.of(state, problem);
        try (RnnDescriptors d = new RnnDescriptors(cudnn, RnnSettings.of(problem), problem);
                Blocks blocks = new Blocks()) {
            long weightBytes = bytes(saved.weightSpace());
            long[] temp = d.tempSpaceBytes(CudnnLibrary.FWD_MODE_TRAINING);
            DeviceBlock work = blocks.allocate(temp[0]);
            if (problem.lengths() != null) {
                // padded steps get no input gradient: zeroed here, as cuDNN defines a padding fill for outputs only
                zero(address.applyAsLong(g.dx()), (long) g.dx().numel() * problem.dtype().byteSize());
            }
            cudnn.check("cudnnRNNBackwardData_v8", library.cudnnRNNBackwardData_v8(cudnn.pointer(), d.rnn,
                    at(saved.seqLengths()), d.y, at(o.y()), at(g.dy()), d.x, at(g.dx()), d.state, at(o.h0()),
                    at(g.dhy()), at(g.dh0()), d.state, at(o.c0()), at(g.dcy()), at(g.dc0()), weightBytes,
                    at(saved.weightSpace()), bytes(work), at(work), bytes(saved.reserveSpace()),
                    at(saved.reserveSpace())), problem);
            // CUDNN_WGRAD_MODE_ADD adds the gradients into the space, so it starts from zero
            DeviceBlock dweights = blocks.allocate(weightBytes);
            zero(dweights.address(), weightBytes);
            cudnn.check("cudnnRNNBackwardWeights_v8", library.cudnnRNNBackwardWeights_v8(cudnn.pointer(), d.rnn,
                    CudnnLibrary.WGRAD_MODE_ADD, at(saved.seqLengths()), d.x, at(o.x()), d.state, at(o.h0()), d.y,
                    at(o.y()), weightBytes, at(dweights), bytes(work), at(work), bytes(saved.reserveSpace()),
                    at(saved.reserveSpace())), problem);
            copy(weightCopies(problem, d, dweights, g.dWeights()).stream().map(DeviceCopy::reversed).toList());
        }
    }

    /**
     * The copies of every gate block of {@code tensors} (core's weights or their gradients) to where cuDNN keeps
     * it in the weight space {@code space}, checking each size cuDNN reports against the block's.
     */
    private List<DeviceCopy> weightCopies(RecurrenceProblem problem, RnnDescriptors d, DeviceBlock space,
            List<Strided> tensors) {
        Pointer matrixDesc = null;
        Pointer biasDesc = null;
        try {
            matrixDesc = cudnn.createTensor(problem);
            biasDesc = cudnn.createTensor(problem);
            List<DeviceCopy> copies = new ArrayList<>();
            for (RnnWeightLayout.LinearLayer layer : RnnWeightLayout.of(problem)) {
                PointerByReference matrix = new PointerByReference();
                PointerByReference bias = new PointerByReference();
                cudnn.check("cudnnGetRNNWeightParams", library.cudnnGetRNNWeightParams(cudnn.pointer(), d.rnn,
                        layer.pseudoLayer(), bytes(space), at(space), layer.linLayerId(), matrixDesc, matrix, biasDesc,
                        bias), problem);
                copies.add(placed(problem, layer.matrix(), matrixDesc, matrix.getValue(), tensors));
                if (layer.bias() != null) {
                    copies.add(placed(problem, layer.bias(), biasDesc, bias.getValue(), tensors));
                }
            }
            return DeviceCopy.coalesce(copies);
        } finally {
            cudnn.destroyTensor(matrixDesc);
            cudnn.destroyTensor(biasDesc);
        }
    }

    /** The copy of {@code block} to {@code target}, where cuDNN described it by {@code desc}. */
    private DeviceCopy placed(RecurrenceProblem problem, RnnWeightLayout.Block block, Pointer desc, Pointer target,
            List<Strided> tensors) {
        IntByReference dataType = new IntByReference();
        IntByReference nbDims = new IntByReference();
        int[] dims = new int[3];
        cudnn.check("cudnnGetTensorNdDescriptor", library.cudnnGetTensorNdDescriptor(desc, dims.length, dataType,
                nbDims, dims, new int[dims.length]), problem);
        if (target == null || !block.matches(nbDims.getValue(), dims)) {
            throw new IllegalStateException("cudnnGetRNNWeightParams for " + problem + ": expected " + block
                    + ", cuDNN reports " + nbDims.getValue() + " dimensions " + Arrays.toString(dims) + " at " + target);
        }
        int elementBytes = problem.dtype().byteSize();
        long source = address.applyAsLong(tensors.get(block.operand())) + block.offset() * elementBytes;
        return new DeviceCopy(source, Pointer.nativeValue(target), block.elements() * elementBytes);
    }

    private void copy(List<DeviceCopy> copies) {
        for (DeviceCopy c : copies) {
            check("cuMemcpyDtoDAsync", JCudaDriver.cuMemcpyDtoDAsync(DevicePointers.at(c.dst()),
                    DevicePointers.at(c.src()), c.bytes(), stream));
        }
    }

    private void zero(long address, long bytes) {
        check("cuMemsetD8Async", JCudaDriver.cuMemsetD8Async(DevicePointers.at(address), (byte) 0, bytes, stream));
    }

    private Pointer at(Strided view) {
        return view == null ? null : new Pointer(address.applyAsLong(view));
    }

    private static Pointer at(DeviceBlock block) {
        return block == null ? null : new Pointer(block.address());
    }

    private static long bytes(DeviceBlock block) {
        return block == null ? 0 : block.requestedBytes();
    }

    /**
     * What a training forward leaves its backward. The allocator tracks each block against this object, so the
     * blocks come back even if no backward runs.
     *
     * @param weightSpace the weights in cuDNN's layout
     * @param reserveSpace cuDNN's intermediate results (null when it asked for none)
     * @param seqLengths the int32 sequence lengths on the device
     */
    record Saved(DeviceBlock weightSpace, DeviceBlock reserveSpace, DeviceBlock seqLengths) {

        /** The saved state of these blocks, each tracked by {@code allocator} against it. */
        static Saved tracked(CachingAllocator allocator, DeviceBlock weightSpace, DeviceBlock reserveSpace,
                DeviceBlock seqLengths) {
            Saved saved = new Saved(weightSpace, reserveSpace, seqLengths);
            saved.blocks().forEach(block -> allocator.track(saved, block));
            return saved;
        }

        /** {@code state} as the saved state of a training forward. */
        static Saved of(Object state, RecurrenceProblem problem) {
            if (!(state instanceof Saved saved)) {
                throw new IllegalArgumentException("cuDNN RNN backward for " + problem
                        + ": expected the state a training forward returned, got " + state);
            }
            return saved;
        }

        /** The blocks held. */
        List<DeviceBlock> blocks() {
            return reserveSpace == null ? List.of(weightSpace, seqLengths)
                    : List.of(weightSpace, reserveSpace, seqLengths);
        }
    }

    /** The device blocks of one call: back to the allocator when it ends, unless kept. */
    private final class Blocks implements AutoCloseable {

        private final List<DeviceBlock> owned = new ArrayList<>();

        /** {@code bytes} of device memory, or null when {@code bytes} is 0 (cuDNN then gets NULL). */
        DeviceBlock allocate(long bytes) {
            if (bytes == 0) {
                return null;
            }
            DeviceBlock block = allocator.allocate(bytes);
            owned.add(block);
            return block;
        }

        /** A device copy of {@code values}, which cuDNN reads asynchronously. */
        DeviceBlock upload(int[] values) {
            long bytes = (long) Integer.BYTES * values.length;
            DeviceBlock block = allocate(bytes);
            // a copy on the legacy stream, which the backend's blocking stream waits for
            check("cuMemcpyHtoD", JCudaDriver.cuMemcpyHtoD(DevicePointers.at(block.address()), jcuda.Pointer.to(values),
                    bytes));
            return block;
        }

        /** Takes {@code block} out of this call's care. */
        DeviceBlock keep(DeviceBlock block) {
            owned.remove(block);
            return block;
        }

        @Override
        public void close() {
            owned.forEach(DeviceBlock::close);
        }
    }
}
