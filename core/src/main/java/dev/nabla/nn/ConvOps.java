package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.autograd.Graph;
import dev.nabla.backend.Backend;
import dev.nabla.backend.fast.ConvGeometry;
import dev.nabla.backend.fast.ConvKernel;
import dev.nabla.backend.fast.ReferenceConv;
import java.util.Arrays;

/**
 * Differentiable convolutions over NCHW tensors. The three primitives — {@link #conv2d}, its
 * data gradient {@link #conv2dBackwardData} (a transposed convolution) and its filter gradient
 * {@link #conv2dBackwardFilter} — are each other's derivatives, so gradients of any order are
 * again convolutions. Each runs through the backend's {@link ConvKernel} when it has one, else
 * through {@link ReferenceConv}.
 */
public final class ConvOps {

    private ConvOps() {
    }

    private static ConvKernel kernel(Backend backend) {
        return backend.fastPath(ConvKernel.class).orElseGet(() -> new ReferenceConv(backend));
    }

    /**
     * 2-D convolution (cross-correlation, as PyTorch).
     *
     * @param x input {@code [N, Cin, H, W]}
     * @param weight {@code [Cout, Cin/groups, KH, KW]}
     * @param bias {@code [Cout]} or null
     * @throws IllegalArgumentException naming the shapes when channels, groups, dtypes or sizes disagree
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, ConvGeometry geo) {
        checkOperands("conv2d", x, weight, geo);
        int oh = geo.outputHeight(x.size(2), weight.size(2));
        int ow = geo.outputWidth(x.size(3), weight.size(3));
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException("conv2d: input " + x.shape() + " is smaller than the dilated kernel "
                    + weight.shape() + " with " + geo);
        }
        Tensor y = convRaw(x, weight, geo, new int[] {x.size(0), weight.size(0), oh, ow});
        return withBias("conv2d", y, bias);
    }

    /**
     * 1-D convolution, computed as a 2-D one with height 1.
     *
     * @param x input {@code [N, Cin, L]}
     * @param weight {@code [Cout, Cin/groups, K]}
     * @param bias {@code [Cout]} or null
     */
    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
        checkRank3("conv1d", x, weight, "[Cout, Cin/groups, K]");
        ConvGeometry geo = new ConvGeometry(1, stride, 0, padding, 1, dilation, groups);
        return conv2d(x.unsqueeze(2), weight.unsqueeze(2), bias, geo).squeeze(2);
    }

    /**
     * 2-D convolution with PyTorch's {@code padding="same"} (stride 1): the output keeps the input's height
     * and width. Each axis gets {@code dilation·(k-1)} zeros in all, half before and the rest after, so an odd
     * total puts the extra zero below / right, as PyTorch does. Computed as a convolution padded by the larger
     * half on both sides whose first output row / column is dropped.
     *
     * @param x input {@code [N, Cin, H, W]}
     * @param weight {@code [Cout, Cin/groups, KH, KW]}
     * @param bias {@code [Cout]} or null
     */
    public static Tensor conv2dSame(Tensor x, Tensor weight, Tensor bias, int dilationH, int dilationW, int groups) {
        checkOperands("conv2dSame", x, weight, ConvGeometry.of(1, 0, 1, groups));
        Tensor y = conv2d(x, weight, bias, samePaddingGeometry(weight.size(2), weight.size(3), dilationH, dilationW,
                groups));
        if (dilationH * (weight.size(2) - 1) % 2 == 1) {
            y = y.narrow(2, 1, x.size(2));
        }
        if (dilationW * (weight.size(3) - 1) % 2 == 1) {
            y = y.narrow(3, 1, x.size(3));
        }
        return y;
    }

    /** The stride-1 geometry padded by {@code ceil(dilation·(k-1) / 2)} per axis that {@link #conv2dSame} runs. */
    static ConvGeometry samePaddingGeometry(int kernelH, int kernelW, int dilationH, int dilationW, int groups) {
        return new ConvGeometry(1, 1, (dilationH * (kernelH - 1) + 1) / 2, (dilationW * (kernelW - 1) + 1) / 2, dilationH,
                dilationW, groups);
    }

    /**
     * 1-D convolution with PyTorch's {@code padding="same"}, computed as {@link #conv2dSame} with height 1.
     *
     * @param x input {@code [N, Cin, L]}
     * @param weight {@code [Cout, Cin/groups, K]}
     * @param bias {@code [Cout]} or null
     */
    public static Tensor conv1dSame(Tensor x, Tensor weight, Tensor bias, int dilation, int groups) {
        checkRank3("conv1dSame", x, weight, "[Cout, Cin/groups, K]");
        return conv2dSame(x.unsqueeze(2), weight.unsqueeze(2), bias, 1, dilation, groups).squeeze(2);
    }

    /**
     * 1-D transposed convolution (PyTorch's {@code conv_transpose1d}), computed as a 2-D one with height 1.
     *
     * @param x input {@code [N, Cin, L]}
     * @param weight {@code [Cin, Cout/groups, K]}
     * @param bias {@code [Cout]} or null
     * @param outputPadding extra positions at the end (less than stride or dilation)
     */
    public static Tensor convTranspose1d(Tensor x, Tensor weight, Tensor bias, int stride, int padding, int outputPadding,
            int dilation, int groups) {
        checkRank3("convTranspose1d", x, weight, "[Cin, Cout/groups, K]");
        ConvGeometry geo = new ConvGeometry(1, stride, 0, padding, 1, dilation, groups);
        return convTranspose2d(x.unsqueeze(2), weight.unsqueeze(2), bias, geo, 0, outputPadding).squeeze(2);
    }

    private static void checkRank3(String op, Tensor x, Tensor weight, String weightShape) {
        if (x.rank() != 3 || weight.rank() != 3) {
            throw new IllegalArgumentException(op + ": expected input [N, C, L] and weight " + weightShape + ", got "
                    + x.shape() + " and " + weight.shape());
        }
    }

    /**
     * 2-D transposed convolution (PyTorch's {@code conv_transpose2d}): the data gradient of a
     * convolution with the same geometry, plus bias.
     *
     * @param x input {@code [N, Cin, H, W]}
     * @param weight {@code [Cin, Cout/groups, KH, KW]}
     * @param bias {@code [Cout]} or null
     * @param outputPadH extra rows on the bottom (less than stride or dilation)
     * @param outputPadW extra columns on the right (less than stride or dilation)
     */
    public static Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, ConvGeometry geo, int outputPadH,
            int outputPadW) {
        if (x.rank() != 4 || weight.rank() != 4 || x.size(1) != weight.size(0)) {
            throw new IllegalArgumentException("convTranspose2d: expected input [N, Cin, H, W] and weight [Cin, Cout/groups,"
                    + " KH, KW] with matching Cin, got " + x.shape() + " and " + weight.shape());
        }
        if (outputPadH < 0 || outputPadW < 0 || (outputPadH >= geo.strideH() && outputPadH >= geo.dilationH())
                || (outputPadW >= geo.strideW() && outputPadW >= geo.dilationW())) {
            throw new IllegalArgumentException("convTranspose2d: output padding (" + outputPadH + ", " + outputPadW
                    + ") must be non-negative and smaller than stride or dilation in " + geo);
        }
        int h = geo.transposedHeight(x.size(2), weight.size(2), outputPadH);
        int w = geo.transposedWidth(x.size(3), weight.size(3), outputPadW);
        int[] outShape = {x.size(0), weight.size(1) * geo.groups(), h, w};
        return withBias("convTranspose2d", conv2dBackwardData(x, weight, geo, outShape), bias);
    }

    /**
     * The gradient of {@code conv2d} with respect to its input.
     *
     * @param gradOut {@code [N, Cout, OH, OW]}
     * @param weight {@code [Cout, Cin/groups, KH, KW]}
     * @param inputShape the convolution's input shape {@code [N, Cin, H, W]}
     */
    public static Tensor conv2dBackwardData(Tensor gradOut, Tensor weight, ConvGeometry geo, int[] inputShape) {
        checkGradient("conv2dBackwardData", inputShape, weight.shape().toArray(), gradOut, geo);
        sameDtype("conv2dBackwardData", gradOut, weight);
        Tensor w = weight;
        Tensor out = Buffers.empty(gradOut, gradOut.dtype(), inputShape);
        kernel(gradOut.backend()).conv2dBackwardData(gradOut.strided(), w.strided(), geo, out.strided());
        int[] wShape = w.shape().toArray();
        return Graph.record("conv2dBackwardData", out, new Tensor[] {gradOut, w}, h -> new Tensor[] {
            gradOut.requiresGrad() ? convRaw(h, w, geo, gradOut.shape().toArray()) : null,
            w.requiresGrad() ? conv2dBackwardFilter(h, gradOut, geo, wShape) : null}, gradOut, w);
    }

    /**
     * The gradient of {@code conv2d} with respect to its weight, summed over the batch.
     *
     * @param x the convolution's input {@code [N, Cin, H, W]}
     * @param gradOut {@code [N, Cout, OH, OW]}
     * @param weightShape {@code [Cout, Cin/groups, KH, KW]}
     */
    public static Tensor conv2dBackwardFilter(Tensor x, Tensor gradOut, ConvGeometry geo, int[] weightShape) {
        checkGradient("conv2dBackwardFilter", x.shape().toArray(), weightShape, gradOut, geo);
        sameDtype("conv2dBackwardFilter", x, gradOut);
        Tensor out = Buffers.empty(x, x.dtype(), weightShape);
        kernel(x.backend()).conv2dBackwardFilter(x.strided(), gradOut.strided(), geo, out.strided());
        int[] xShape = x.shape().toArray();
        return Graph.record("conv2dBackwardFilter", out, new Tensor[] {x, gradOut}, k -> new Tensor[] {
            x.requiresGrad() ? conv2dBackwardData(gradOut, k, geo, xShape) : null,
            gradOut.requiresGrad() ? convRaw(x, k, geo, gradOut.shape().toArray()) : null}, x, gradOut);
    }

    /** The recorded convolution without bias; shapes already checked. */
    private static Tensor convRaw(Tensor x, Tensor w, ConvGeometry geo, int[] outShape) {
        Tensor out = Buffers.empty(x, x.dtype(), outShape);
        kernel(x.backend()).conv2d(x.strided(), w.strided(), geo, out.strided());
        int[] xShape = x.shape().toArray();
        int[] wShape = w.shape().toArray();
        return Graph.record("conv2d", out, new Tensor[] {x, w}, g -> new Tensor[] {
            x.requiresGrad() ? conv2dBackwardData(g, w, geo, xShape) : null,
            w.requiresGrad() ? conv2dBackwardFilter(x, g, geo, wShape) : null}, x, w);
    }

    private static Tensor withBias(String op, Tensor y, Tensor bias) {
        if (bias == null) {
            return y;
        }
        if (bias.rank() != 1 || bias.size(0) != y.size(1)) {
            throw new IllegalArgumentException(op + ": bias must have shape [" + y.size(1) + "], got " + bias.shape());
        }
        return y.add(bias.reshape(1, y.size(1), 1, 1));
    }

    private static void checkOperands(String op, Tensor x, Tensor w, ConvGeometry geo) {
        if (x.rank() != 4 || w.rank() != 4) {
            throw new IllegalArgumentException(op + ": expected input [N, C, H, W] and weight [Cout, Cin/groups, KH, KW], got "
                    + x.shape() + " and " + w.shape());
        }
        checkChannels(op, x.shape().toArray(), w.shape().toArray(), geo);
        sameDtype(op, x, w);
        if (!x.device().equals(w.device())) {
            throw new IllegalArgumentException(op + ": input on " + x.device() + " but weight on " + w.device());
        }
    }

    private static void sameDtype(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype() || !a.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": operands need one floating dtype, got " + a.dtype().id() + " "
                    + a.shape() + " and " + b.dtype().id() + " " + b.shape());
        }
    }

    private static void checkChannels(String op, int[] x, int[] w, ConvGeometry geo) {
        int groups = geo.groups();
        if (w[0] % groups != 0) {
            throw new IllegalArgumentException(op + ": " + w[0] + " output channels are not divisible by groups=" + groups
                    + " (weight " + Arrays.toString(w) + ")");
        }
        if (x[1] != w[1] * groups) {
            throw new IllegalArgumentException(op + ": input has " + x[1] + " channels but weight " + Arrays.toString(w)
                    + " with groups=" + groups + " expects " + w[1] * groups + " (input shape " + Arrays.toString(x) + ")");
        }
    }

    private static void checkGradient(String op, int[] x, int[] w, Tensor gradOut, ConvGeometry geo) {
        if (x.length != 4 || w.length != 4 || gradOut.rank() != 4) {
            throw new IllegalArgumentException(op + ": expected 4-D input, weight and gradient shapes, got "
                    + Arrays.toString(x) + ", " + Arrays.toString(w) + " and " + gradOut.shape());
        }
        checkChannels(op, x, w, geo);
        int[] expected = {x[0], w[0], geo.outputHeight(x[2], w[2]), geo.outputWidth(x[3], w[3])};
        if (!Arrays.equals(expected, gradOut.shape().toArray())) {
            throw new IllegalArgumentException(op + ": gradient shape " + gradOut.shape() + " does not match the output "
                    + Arrays.toString(expected) + " of input " + Arrays.toString(x) + " and weight " + Arrays.toString(w)
                    + " with " + geo);
        }
    }
}
