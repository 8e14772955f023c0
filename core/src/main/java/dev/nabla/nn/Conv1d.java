package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.backend.fast.FusedActivation;

/** A 1-D convolution layer over {@code [N, Cin, L]} with weight {@code [Cout, Cin/groups, K]}. */
public class Conv1d extends ConvLayer implements ActivationFusible {

    private final int stride;
    private final int padding;
    private final int dilation;
    private final int groups;

    /** Stride 1, no padding, with bias. */
    public Conv1d(int inChannels, int outChannels, int kernel) {
        this(inChannels, outChannels, kernel, 1, 0, 1, 1, true);
    }

    /** Every option. */
    public Conv1d(int inChannels, int outChannels, int kernel, int stride, int padding, int dilation, int groups,
            boolean bias) {
        super("Conv1d", inChannels, outChannels, groups, new int[] {outChannels, inChannels / Math.max(1, groups), kernel},
                bias ? outChannels : 0);
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
    }

    @Override
    public Tensor forward(Tensor input) {
        return ConvOps.conv1d(input, weight().get(), biasTensor(), stride, padding, dilation, groups);
    }

    @Override
    public boolean fusesActivation() {
        return getClass() == Conv1d.class;
    }

    @Override
    public Tensor forwardActivated(Tensor input, FusedActivation act) {
        Tensor y = ConvOps.conv1d(input, weight().get(), null, stride, padding, dilation, groups);
        return BiasActivation.apply("Conv1d", y, biasTensor(), 1, act);
    }

    @Override
    public String toString() {
        return "Conv1d(" + weight().get().shape() + ", stride=" + stride + ", padding=" + padding + ", dilation=" + dilation
                + ", groups=" + groups + ")";
    }
}
