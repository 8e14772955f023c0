package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.backend.fast.ConvGeometry;
import dev.nabla.backend.fast.FusedActivation;

/**
 * A 2-D convolution layer over {@code [N, Cin, H, W]} with weight {@code [Cout, Cin/groups, KH, KW]}:
 * PyTorch's {@code nn.Conv2d}, rectangular kernels, strides, padding (explicit or {@code "same"}) and
 * dilation included (see {@link Conv2dOptions}).
 */
public class Conv2d extends ConvLayer implements ActivationFusible {

    private final ConvGeometry geometry;
    private final boolean samePadding;

    /** A square kernel, stride 1, no padding, with bias. */
    public Conv2d(int inChannels, int outChannels, int kernel) {
        this(inChannels, outChannels, kernel, 1, 0);
    }

    /** A square kernel with stride and zero padding, with bias. */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding) {
        this(inChannels, outChannels, kernel, stride, padding, 1, 1, true);
    }

    /** A square kernel with every option; {@code groups == inChannels} gives a depthwise convolution. */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, int dilation, int groups,
            boolean bias) {
        this(inChannels, outChannels, kernel, kernel, ConvGeometry.of(stride, padding, dilation, groups), bias);
    }

    /** A rectangular kernel with a full geometry. */
    public Conv2d(int inChannels, int outChannels, int kernelH, int kernelW, ConvGeometry geometry, boolean bias) {
        this(inChannels, outChannels, kernelH, kernelW, geometry, false, bias);
    }

    /**
     * Any convolution, e.g. {@code Conv2dOptions.of(3, 16, 3, 5).withStride(1, 2).withPadding(1, 2)} or
     * {@code Conv2dOptions.of(8, 8, 4).withSamePadding()}.
     */
    public Conv2d(Conv2dOptions options) {
        this(options.inChannels(), options.outChannels(), options.kernelH(), options.kernelW(), options.geometry(),
                options.samePadding(), options.bias());
    }

    private Conv2d(int inChannels, int outChannels, int kernelH, int kernelW, ConvGeometry geometry, boolean samePadding,
            boolean bias) {
        super("Conv2d", inChannels, outChannels, geometry.groups(),
                new int[] {outChannels, inChannels / Math.max(1, geometry.groups()), kernelH, kernelW},
                bias ? outChannels : 0);
        this.geometry = geometry;
        this.samePadding = samePadding;
    }

    /** The stride, padding, dilation and groups (with "same" padding: the symmetric padding before the trim). */
    public ConvGeometry geometry() {
        return geometry;
    }

    @Override
    public Tensor forward(Tensor input) {
        return convolve(input, biasTensor());
    }

    private Tensor convolve(Tensor input, Tensor bias) {
        if (samePadding) {
            return ConvOps.conv2dSame(input, weight().get(), bias, geometry.dilationH(), geometry.dilationW(),
                    geometry.groups());
        }
        return ConvOps.conv2d(input, weight().get(), bias, geometry);
    }

    @Override
    public boolean fusesActivation() {
        return getClass() == Conv2d.class;
    }

    @Override
    public Tensor forwardActivated(Tensor input, FusedActivation act) {
        return BiasActivation.apply("Conv2d", convolve(input, null), biasTensor(), 1, act);
    }

    @Override
    public String toString() {
        return "Conv2d(" + weight().get().shape() + ", " + geometry + (samePadding ? ", padding=same" : "") + ")";
    }
}
