package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.backend.fast.ConvGeometry;

/**
 * A 2-D transposed convolution layer ("deconvolution") with weight
 * {@code [Cin, Cout/groups, KH, KW]}; output size {@code (H-1)·stride - 2·pad + dilation·(K-1) + outputPadding + 1}.
 */
public class ConvTranspose2d extends ConvLayer {

    private final ConvGeometry geometry;
    private final int outputPadH;
    private final int outputPadW;

    /** A square kernel, stride 1, no padding, with bias. */
    public ConvTranspose2d(int inChannels, int outChannels, int kernel) {
        this(inChannels, outChannels, kernel, 1, 0, 0);
    }

    /** A square kernel with stride, padding and output padding, with bias. */
    public ConvTranspose2d(int inChannels, int outChannels, int kernel, int stride, int padding, int outputPadding) {
        this(inChannels, outChannels, kernel, kernel, ConvGeometry.of(stride, padding, 1, 1), outputPadding, outputPadding,
                true);
    }

    /**
     * Any transposed convolution described like a convolution (rectangular kernels, strides, padding, dilation,
     * groups, bias), plus the output padding per axis.
     *
     * @throws IllegalArgumentException for "same" padding, which PyTorch's transposed convolutions do not have
     */
    public ConvTranspose2d(Conv2dOptions options, int outputPadH, int outputPadW) {
        this(options.inChannels(), options.outChannels(), options.kernelH(), options.kernelW(),
                explicitPadding(options).geometry(), outputPadH, outputPadW, options.bias());
    }

    private static Conv2dOptions explicitPadding(Conv2dOptions options) {
        if (options.samePadding()) {
            throw new IllegalArgumentException(
                    "ConvTranspose2d: padding \"same\" is not defined for transposed convolutions");
        }
        return options;
    }

    /** A rectangular kernel with a full geometry. */
    public ConvTranspose2d(int inChannels, int outChannels, int kernelH, int kernelW, ConvGeometry geometry,
            int outputPadH, int outputPadW, boolean bias) {
        super("ConvTranspose2d", inChannels, outChannels, geometry.groups(),
                new int[] {inChannels, outChannels / Math.max(1, geometry.groups()), kernelH, kernelW},
                bias ? outChannels : 0);
        this.geometry = geometry;
        this.outputPadH = outputPadH;
        this.outputPadW = outputPadW;
    }

    @Override
    public Tensor forward(Tensor input) {
        return ConvOps.convTranspose2d(input, weight().get(), biasTensor(), geometry, outputPadH, outputPadW);
    }

    @Override
    public String toString() {
        return "ConvTranspose2d(" + weight().get().shape() + ", " + geometry + ", outputPadding=(" + outputPadH + ", "
                + outputPadW + "))";
    }
}
