package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.backend.fast.FusedActivation;

/**
 * A 1-D convolution layer over {@code [N, Cin, L]} with weight {@code [Cout, Cin/groups, K]} (PyTorch's
 * {@code nn.Conv1d}), explicit or {@code "same"} padding.
 */
public class Conv1d extends ConvLayer implements ActivationFusible {

    private final int stride;
    private final int padding;
    private final boolean samePadding;
    private final int dilation;
    private final int groups;

    /** Stride 1, no padding, with bias. */
    public Conv1d(int inChannels, int outChannels, int kernel) {
        this(inChannels, outChannels, kernel, 1, 0, 1, 1, true);
    }

    /** Every option with explicit zero padding. */
    public Conv1d(int inChannels, int outChannels, int kernel, int stride, int padding, int dilation, int groups,
            boolean bias) {
        this(inChannels, outChannels, kernel, stride, padding, false, dilation, groups, bias);
    }

    private Conv1d(int inChannels, int outChannels, int kernel, int stride, int padding, boolean samePadding, int dilation,
            int groups, boolean bias) {
        super("Conv1d", inChannels, outChannels, groups, new int[] {outChannels, inChannels / Math.max(1, groups), kernel},
                bias ? outChannels : 0);
        this.stride = stride;
        this.padding = padding;
        this.samePadding = samePadding;
        this.dilation = dilation;
        this.groups = groups;
    }

    /**
     * PyTorch's {@code Conv1d(..., padding="same")}: stride 1, and the output keeps the input's length; an odd
     * {@code dilation·(kernel-1)} puts the extra zero at the end, as in PyTorch.
     */
    public static Conv1d samePadding(int inChannels, int outChannels, int kernel, int dilation, int groups, boolean bias) {
        return new Conv1d(inChannels, outChannels, kernel, 1, 0, true, dilation, groups, bias);
    }

    @Override
    public Tensor forward(Tensor input) {
        return convolve(input, biasTensor());
    }

    private Tensor convolve(Tensor input, Tensor bias) {
        return samePadding ? ConvOps.conv1dSame(input, weight().get(), bias, dilation, groups)
                : ConvOps.conv1d(input, weight().get(), bias, stride, padding, dilation, groups);
    }

    @Override
    public boolean fusesActivation() {
        return getClass() == Conv1d.class;
    }

    @Override
    public Tensor forwardActivated(Tensor input, FusedActivation act) {
        return BiasActivation.apply("Conv1d", convolve(input, null), biasTensor(), 1, act);
    }

    @Override
    public String toString() {
        return "Conv1d(" + weight().get().shape() + ", stride=" + stride + ", padding=" + (samePadding ? "same" : padding)
                + ", dilation=" + dilation + ", groups=" + groups + ")";
    }
}
