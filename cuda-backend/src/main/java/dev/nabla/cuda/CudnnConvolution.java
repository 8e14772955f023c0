package dev.nabla.cuda;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.nabla.DType;
import dev.nabla.backend.fast.ConvGeometry;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * 2-D convolution (cross-correlation) and its two gradients through cuDNN 9 ({@link CudnnLibrary},
 * JNA) on the backend's shared {@link CudnnHandle}. Operands are dense NCHW device buffers of one floating dtype.
 * Algorithms come from cuDNN's heuristics ({@code *_v7}), the first one that supports the problem,
 * and are cached per problem. FP32 runs with {@code CUDNN_FMA_MATH} (true float32, like the CPU) unless
 * TF32 was opted into, as for GEMM.
 */
final class CudnnConvolution {

    private static final int ALGORITHMS_ASKED = 8;

    /** Which of the three convolution calls. */
    enum Direction { FORWARD, BACKWARD_DATA, BACKWARD_FILTER }

    /**
     * One convolution problem: the input {@code [N, Cin, H, W]}, weight {@code [Cout, Cin/G, KH, KW]}
     * and output {@code [N, Cout, OH, OW]} shapes, and the geometry.
     */
    record Problem(DType dtype, int[] input, int[] weight, int[] output, ConvGeometry geometry) {

        String key(Direction direction) {
            return direction + " " + dtype + " " + Arrays.toString(input) + Arrays.toString(weight)
                    + geometry;
        }
    }

    private final CudnnHandle cudnnHandle;
    private final CudnnLibrary cudnn;
    private final Pointer handle;
    private final boolean tf32;
    private final Map<String, Integer> algorithms = new HashMap<>();
    /** The host scalars alpha = 1 and beta = 0 of each element type, made once rather than per call. */
    private final Map<DType, Memory[]> alphaBeta = Map.of(DType.FLOAT32, new Memory[] {scalar(DType.FLOAT32, 1),
            scalar(DType.FLOAT32, 0)}, DType.FLOAT64, new Memory[] {scalar(DType.FLOAT64, 1), scalar(DType.FLOAT64, 0)});

    /** Convolutions on {@code cudnn}'s handle (which the caller closes); {@code tf32} lets FP32 run as TF32. */
    CudnnConvolution(CudnnHandle cudnn, boolean tf32) {
        this.cudnnHandle = cudnn;
        this.cudnn = cudnn.library();
        this.handle = cudnn.pointer();
        this.tf32 = tf32;
    }

    /**
     * Runs one direction: {@code FORWARD} writes {@code y} from {@code x, w}; {@code BACKWARD_DATA}
     * writes {@code x} (the input gradient) from {@code w, y}; {@code BACKWARD_FILTER} writes {@code w}
     * (the weight gradient) from {@code x, y}. The written buffer is overwritten (beta = 0).
     *
     * @param workspace allocates scratch device bytes and returns their address; valid until the call's work is done
     */
    void run(Direction direction, Problem p, long x, long w, long y, LongUnaryOperator workspace) {
        try (Descriptors d = new Descriptors(p)) {
            int algorithm = algorithms.computeIfAbsent(p.key(direction), k -> choose(direction, d));
            long bytes = workspaceBytes(direction, d, algorithm);
            Pointer space = bytes == 0 ? Pointer.NULL : new Pointer(workspace.applyAsLong(bytes));
            Memory one = alphaBeta.get(p.dtype())[0];
            Memory zero = alphaBeta.get(p.dtype())[1];
            Pointer px = new Pointer(x);
            Pointer pw = new Pointer(w);
            Pointer py = new Pointer(y);
            switch (direction) {
                case FORWARD -> check("cudnnConvolutionForward", cudnn.cudnnConvolutionForward(handle, one, d.x, px,
                        d.w, pw, d.conv, algorithm, space, bytes, zero, d.y, py));
                case BACKWARD_DATA -> check("cudnnConvolutionBackwardData", cudnn.cudnnConvolutionBackwardData(handle,
                        one, d.w, pw, d.y, py, d.conv, algorithm, space, bytes, zero, d.x, px));
                case BACKWARD_FILTER -> check("cudnnConvolutionBackwardFilter", cudnn.cudnnConvolutionBackwardFilter(
                        handle, one, d.x, px, d.y, py, d.conv, algorithm, space, bytes, zero, d.w, pw));
            }
        }
    }

    private int choose(Direction direction, Descriptors d) {
        ConvolutionAlgoPerf[] perf = (ConvolutionAlgoPerf[]) new ConvolutionAlgoPerf().toArray(ALGORITHMS_ASKED);
        IntByReference returned = new IntByReference();
        int status = switch (direction) {
            case FORWARD -> cudnn.cudnnGetConvolutionForwardAlgorithm_v7(handle, d.x, d.w, d.conv, d.y,
                    ALGORITHMS_ASKED, returned, perf);
            case BACKWARD_DATA -> cudnn.cudnnGetConvolutionBackwardDataAlgorithm_v7(handle, d.w, d.y, d.conv, d.x,
                    ALGORITHMS_ASKED, returned, perf);
            case BACKWARD_FILTER -> cudnn.cudnnGetConvolutionBackwardFilterAlgorithm_v7(handle, d.x, d.y, d.conv, d.w,
                    ALGORITHMS_ASKED, returned, perf);
        };
        check("cudnnGetConvolution" + direction + "Algorithm_v7", status);
        for (int i = 0; i < returned.getValue(); i++) {
            perf[i].read();
            if (perf[i].status == 0) {
                return perf[i].algo;
            }
        }
        throw new IllegalStateException("cuDNN offers no " + direction + " algorithm for " + d.problem);
    }

    private long workspaceBytes(Direction direction, Descriptors d, int algorithm) {
        LongByReference bytes = new LongByReference();
        int status = switch (direction) {
            case FORWARD -> cudnn.cudnnGetConvolutionForwardWorkspaceSize(handle, d.x, d.w, d.conv, d.y, algorithm,
                    bytes);
            case BACKWARD_DATA -> cudnn.cudnnGetConvolutionBackwardDataWorkspaceSize(handle, d.w, d.y, d.conv, d.x,
                    algorithm, bytes);
            case BACKWARD_FILTER -> cudnn.cudnnGetConvolutionBackwardFilterWorkspaceSize(handle, d.x, d.y, d.conv, d.w,
                    algorithm, bytes);
        };
        check("cudnnGetConvolution" + direction + "WorkspaceSize", status);
        return bytes.getValue();
    }

    private static Memory scalar(DType dtype, double value) {
        Memory m = new Memory(8);
        if (dtype == DType.FLOAT32) {
            m.setFloat(0, (float) value);
        } else {
            m.setDouble(0, value);
        }
        return m;
    }

    private void check(String call, int status) {
        cudnnHandle.check(call, status);
    }

    /** The four descriptors of one problem, destroyed together. */
    private final class Descriptors implements AutoCloseable {

        final Problem problem;
        Pointer x;
        Pointer w;
        Pointer y;
        Pointer conv;

        Descriptors(Problem p) {
            this.problem = p;
            try {
                int type = p.dtype() == DType.FLOAT32 ? CudnnLibrary.DATA_FLOAT : CudnnLibrary.DATA_DOUBLE;
                x = tensor(type, p.input());
                y = tensor(type, p.output());
                PointerByReference ref = new PointerByReference();
                check("cudnnCreateFilterDescriptor", cudnn.cudnnCreateFilterDescriptor(ref));
                w = ref.getValue();
                check("cudnnSetFilterNdDescriptor", cudnn.cudnnSetFilterNdDescriptor(w, type, CudnnLibrary.TENSOR_NCHW, 4,
                        p.weight()));
                check("cudnnCreateConvolutionDescriptor", cudnn.cudnnCreateConvolutionDescriptor(ref));
                conv = ref.getValue();
                ConvGeometry g = p.geometry();
                check("cudnnSetConvolutionNdDescriptor", cudnn.cudnnSetConvolutionNdDescriptor(conv, 2,
                        new int[] {g.padH(), g.padW()}, new int[] {g.strideH(), g.strideW()},
                        new int[] {g.dilationH(), g.dilationW()}, CudnnLibrary.CROSS_CORRELATION, type));
                check("cudnnSetConvolutionGroupCount", cudnn.cudnnSetConvolutionGroupCount(conv, g.groups()));
                int math = p.dtype() == DType.FLOAT32 && tf32 ? CudnnLibrary.TENSOR_OP_MATH_ALLOW_CONVERSION
                        : CudnnLibrary.FMA_MATH;
                check("cudnnSetConvolutionMathType", cudnn.cudnnSetConvolutionMathType(conv, math));
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        private Pointer tensor(int type, int[] dims) {
            return cudnnHandle.tensor(type, dims, new int[] {dims[1] * dims[2] * dims[3], dims[2] * dims[3], dims[3], 1},
                    Arrays.toString(dims));
        }

        @Override
        public void close() {
            cudnnHandle.destroyTensor(x);
            cudnnHandle.destroyTensor(y);
            if (w != null) {
                cudnn.cudnnDestroyFilterDescriptor(w);
            }
            if (conv != null) {
                cudnn.cudnnDestroyConvolutionDescriptor(conv);
            }
        }
    }
}
