package dev.nabla.models.nets;

import dev.nabla.Tensor;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Module;

/**
 * A depthwise-separable convolution (Xception, MobileNet): a 3×3 depthwise convolution (one filter
 * per channel, {@code groups = in}) followed by a 1×1 pointwise convolution that mixes channels —
 * about {@code 9 + out} weights per input channel instead of {@code 9·out}.
 */
public class SeparableConv extends Module {

    private final Conv2d depthwise;
    private final Conv2d pointwise;

    /**
     * @param in input channels
     * @param out output channels
     */
    public SeparableConv(int in, int out) {
        depthwise = registerModule("depthwise", ConvBlocks.he(new Conv2d(in, in, 3, 1, 1, 1, in, false)));
        pointwise = registerModule("pointwise", ConvBlocks.he(new Conv2d(in, out, 1, 1, 0, 1, 1, false)));
    }

    @Override
    public Tensor forward(Tensor x) {
        return pointwise.forward(depthwise.forward(x));
    }
}
