package dev.nabla.models.nets;

import dev.nabla.Tensor;
import dev.nabla.nn.AdaptiveAvgPool2d;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Linear;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;

/**
 * A VGG-style network (Simonyan and Zisserman, 2014): stages of 3×3 convolutions (with batch norm
 * and ReLU), each stage ending in a 2×2 max pool, then global average pooling and a linear classifier.
 */
public class Vgg extends Module {

    private final Sequential body;

    /**
     * @param inChannels input channels
     * @param widths channels of each stage, e.g. {@code 16, 32}
     * @param convsPerStage 3×3 convolutions per stage
     * @param classes output classes
     */
    public Vgg(int inChannels, int[] widths, int convsPerStage, int classes) {
        if (widths.length == 0 || convsPerStage <= 0) {
            throw new IllegalArgumentException("Vgg: need at least one stage and one convolution per stage");
        }
        body = registerModule("body", new Sequential());
        int in = inChannels;
        for (int width : widths) {
            for (int c = 0; c < convsPerStage; c++) {
                body.add(ConvBlocks.convBnRelu(in, width));
                in = width;
            }
            body.add(new MaxPool2d(2));
        }
        body.add(new AdaptiveAvgPool2d(1)).add(new Flatten()).add(new Linear(in, classes));
    }

    @Override
    public Tensor forward(Tensor images) {
        return body.forward(images);
    }
}
