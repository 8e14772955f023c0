package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.autograd.Graph;
import dev.nabla.backend.Backend;
import dev.nabla.backend.fast.PoolGeometry;
import dev.nabla.backend.fast.PoolKernel;
import dev.nabla.backend.fast.ReferencePool;

/**
 * Differentiable 2-D pooling over NCHW tensors, through the backend's {@link PoolKernel} when
 * it has one, else {@link ReferencePool}. The backward passes are themselves recorded ops, so
 * second derivatives flow (pooling is piecewise linear).
 */
public final class PoolOps {

    private PoolOps() {
    }

    private static PoolKernel kernel(Backend backend) {
        return backend.fastPath(PoolKernel.class).orElseGet(() -> new ReferencePool(backend));
    }

    /**
     * Window maxima, with PyTorch's output size (floor or ceil mode, dilation); the gradient goes to the
     * first maximum of each window.
     *
     * @throws IllegalArgumentException for a non-4-D or non-floating input, or a window larger than the padded
     *     input (an output size below 1, where PyTorch raises too)
     */
    public static Tensor maxPool2d(Tensor x, PoolGeometry geo) {
        int[] outShape = outputShape("maxPool2d", x, geo);
        Tensor out = Buffers.empty(x, x.dtype(), outShape);
        Tensor indices = Buffers.empty(x, DType.INT64, outShape);
        kernel(x.backend()).maxPool2d(x.strided(), geo, out.strided(), indices.strided());
        int[] inShape = x.shape().toArray();
        return Graph.record("maxPool2d", out, new Tensor[] {x}, g -> new Tensor[] {maxPoolBackward(g, indices, geo, inShape)});
    }

    private static Tensor maxPoolBackward(Tensor gradOut, Tensor indices, PoolGeometry geo, int[] inShape) {
        Tensor out = Buffers.empty(gradOut, gradOut.dtype(), inShape);
        kernel(gradOut.backend()).maxPool2dBackward(gradOut.strided(), indices.strided(), geo, out.strided());
        int[] o = gradOut.shape().toArray();
        return Graph.record("maxPool2dBackward", out, new Tensor[] {gradOut}, h -> new Tensor[] {
            h.reshape(o[0], o[1], inShape[2] * inShape[3]).gather(2, indices.reshape(o[0], o[1], o[2] * o[3])).reshape(o)});
    }

    /**
     * Window means, with PyTorch's output size (floor or ceil mode). With {@code countIncludePad} the divisor
     * counts the window's cells inside the padded input (the whole window except where a ceil-mode window
     * overhangs it), as PyTorch does.
     *
     * @param countIncludePad divide by the window within the padded input (PyTorch's default) or only by the cells
     *     inside the input
     * @throws IllegalArgumentException as {@link #maxPool2d}, and for a dilated window
     */
    public static Tensor avgPool2d(Tensor x, PoolGeometry geo, boolean countIncludePad) {
        checkUndilated("avgPool2d", geo);
        int[] outShape = outputShape("avgPool2d", x, geo);
        Tensor out = Buffers.empty(x, x.dtype(), outShape);
        kernel(x.backend()).avgPool2d(x.strided(), geo, countIncludePad, out.strided());
        int[] inShape = x.shape().toArray();
        return Graph.record("avgPool2d", out, new Tensor[] {x},
                g -> new Tensor[] {avgPoolBackward(g, geo, countIncludePad, inShape)});
    }

    private static Tensor avgPoolBackward(Tensor gradOut, PoolGeometry geo, boolean countIncludePad, int[] inShape) {
        Tensor out = Buffers.empty(gradOut, gradOut.dtype(), inShape);
        kernel(gradOut.backend()).avgPool2dBackward(gradOut.strided(), geo, countIncludePad, out.strided());
        return Graph.record("avgPool2dBackward", out, new Tensor[] {gradOut},
                h -> new Tensor[] {avgPool2d(h, geo, countIncludePad)});
    }

    /**
     * Averages over PyTorch's adaptive windows ({@code floor(i*H/OH) .. ceil((i+1)*H/OH)}) so the
     * output is {@code [N, C, outH, outW]} for any input size. Divisible sizes use plain average
     * pooling; others a separable product {@code Ah · x · Awᵀ} with averaging matrices.
     */
    public static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
        if (x.rank() != 4 || outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("adaptiveAvgPool2d: expected input [N, C, H, W] and a positive output size, "
                    + "got " + x.shape() + " and (" + outH + ", " + outW + ")");
        }
        int h = x.size(2);
        int w = x.size(3);
        if (h % outH == 0 && w % outW == 0) {
            return avgPool2d(x, new PoolGeometry(h / outH, w / outW, h / outH, w / outW, 0, 0), true);
        }
        return averaging(outH, h, x).matmul(x).matmul(averaging(outW, w, x).t());
    }

    /** The {@code [out, in]} matrix whose row i averages adaptive window i. */
    private static Tensor averaging(int out, int in, Tensor like) {
        double[] m = new double[out * in];
        for (int i = 0; i < out; i++) {
            int start = Math.floorDiv(i * in, out);
            int end = -Math.floorDiv(-(i + 1) * in, out);
            for (int j = start; j < end; j++) {
                m[i * in + j] = 1.0 / (end - start);
            }
        }
        return Tensor.of(m, out, in).to(like.device()).to(like.dtype());
    }

    /** Average pooling has no dilation, as in PyTorch. */
    static void checkUndilated(String op, PoolGeometry geo) {
        if (geo.dilated()) {
            throw new IllegalArgumentException(op + ": average pooling has no dilation (as in PyTorch), got " + geo);
        }
    }

    private static int[] outputShape(String op, Tensor x, PoolGeometry geo) {
        if (x.rank() != 4 || !x.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": expected a floating input [N, C, H, W], got " + x.dtype().id() + " "
                    + x.shape());
        }
        int oh = geo.outputHeight(x.size(2));
        int ow = geo.outputWidth(x.size(3));
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException(op + ": input " + x.shape() + " is too small for the window " + geo
                    + ": the output would be " + oh + " x " + ow);
        }
        if (!geo.everyWindowReadsInputRows(x.size(2)) || !geo.everyWindowReadsInputColumns(x.size(3))) {
            throw new IllegalArgumentException(op + ": with " + geo + " some window of input " + x.shape()
                    + " reads only padding");
        }
        return new int[] {x.size(0), x.size(1), oh, ow};
    }
}
