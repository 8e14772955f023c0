package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.backend.fast.ConvGeometry;
import dev.nabla.backend.fast.FusedActivation;

/** A 2-D convolution layer over {@code [N, Cin, H, W]} with weight {@code [Cout, Cin/groups, KH, KW]}. */
public class Conv2d extends ConvLayer implements ActivationFusible {

    private final ConvGeometry geometry;

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
        super("Conv2d", inChannels, outChannels, geometry.groups(),
                new int[] {outChannels, inChannels / Math.max(1, geometry.groups()), kernelH, kernelW},
                bias ? outChannels : 0);
        this.geometry = geometry;
    }

    /** The stride, padding, dilation and groups. */
    public ConvGeometry geometry() {
        return geometry;
    }

    @Override
    public Tensor forward(Tensor input) {
        return ConvOps.conv2d(input, weight().get(), biasTensor(), geometry);
    }

    @Override
    public boolean fusesActivation() {
        return getClass() == Conv2d.class;
    }

    @Override
    public Tensor forwardActivated(Tensor input, FusedActivation act) {
        Tensor y = ConvOps.conv2d(input, weight().get(), null, geometry);
        return BiasActivation.apply("Conv2d", y, biasTensor(), 1, act);
    }

    @Override
    public String toString() {
        return "Conv2d(" + weight().get().shape() + ", " + geometry + ")";
    }
}
