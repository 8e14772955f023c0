package dev.nabla.models.nets;

import dev.nabla.Tensor;
import dev.nabla.nn.AdaptiveAvgPool2d;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;

/** A small Xception-style classifier: a conv stem, {@link XceptionBlock}s, global average pooling, a linear head. */
public class MiniXception extends Module {

    private final Sequential body;

    /**
     * @param inChannels input channels
     * @param widths output channels of each block (each halves the resolution)
     * @param classes output classes
     */
    public MiniXception(int inChannels, int[] widths, int classes) {
        body = registerModule("body", new Sequential(ConvBlocks.convBnRelu(inChannels, widths[0])));
        int in = widths[0];
        for (int w : widths) {
            body.add(new XceptionBlock(in, w));
            in = w;
        }
        body.add(new AdaptiveAvgPool2d(1)).add(new Flatten()).add(new Linear(in, classes));
    }

    @Override
    public Tensor forward(Tensor images) {
        return body.forward(images);
    }
}
