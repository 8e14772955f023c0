package dev.nabla.nn;

import dev.nabla.Tensor;

/**
 * A 1-D transposed convolution layer (PyTorch's {@code nn.ConvTranspose1d}) over {@code [N, Cin, L]} with weight
 * {@code [Cin, Cout/groups, K]}; output length {@code (L-1)·stride - 2·padding + dilation·(K-1) + outputPadding + 1}.
 */
public class ConvTranspose1d extends ConvLayer {

    private final int stride;
    private final int padding;
    private final int outputPadding;
    private final int dilation;
    private final int groups;

    /** Stride 1, no padding, with bias. */
    public ConvTranspose1d(int inChannels, int outChannels, int kernel) {
        this(inChannels, outChannels, kernel, 1, 0, 0, 1, true, 1);
    }

    /** Every option, in PyTorch's argument order. */
    public ConvTranspose1d(int inChannels, int outChannels, int kernel, int stride, int padding, int outputPadding,
            int groups, boolean bias, int dilation) {
        super("ConvTranspose1d", inChannels, outChannels, groups,
                new int[] {inChannels, outChannels / Math.max(1, groups), kernel}, bias ? outChannels : 0);
        this.stride = stride;
        this.padding = padding;
        this.outputPadding = outputPadding;
        this.dilation = dilation;
        this.groups = groups;
    }

    @Override
    public Tensor forward(Tensor input) {
        return ConvOps.convTranspose1d(input, weight().get(), biasTensor(), stride, padding, outputPadding, dilation,
                groups);
    }

    @Override
    public String toString() {
        return "ConvTranspose1d(" + weight().get().shape() + ", stride=" + stride + ", padding=" + padding
                + ", outputPadding=" + outputPadding + ", dilation=" + dilation + ", groups=" + groups + ")";
    }
}
