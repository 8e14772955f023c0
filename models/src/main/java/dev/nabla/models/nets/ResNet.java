package dev.nabla.models.nets;

import dev.nabla.Tensor;
import dev.nabla.nn.AdaptiveAvgPool2d;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Linear;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;

/**
 * A small ResNet: a 3×3 stem with a 2×2 max pool, stages of {@link ResidualBlock}s (the first block of every stage
 * after the first halves the resolution and widens), global average pooling and a linear head.
 */
public class ResNet extends Module {

    private final Sequential body;

    /**
     * @param inChannels input channels
     * @param widths channels of each stage, e.g. {@code 16, 32, 64}
     * @param blocksPerStage basic blocks per stage
     * @param classes output classes
     */
    public ResNet(int inChannels, int[] widths, int blocksPerStage, int classes) {
        if (widths.length == 0 || blocksPerStage <= 0) {
            throw new IllegalArgumentException("ResNet: need at least one stage and one block per stage");
        }
        body = registerModule("body", new Sequential(ConvBlocks.convBnRelu(inChannels, widths[0]), new MaxPool2d(2)));
        int in = widths[0];
        for (int s = 0; s < widths.length; s++) {
            for (int b = 0; b < blocksPerStage; b++) {
                body.add(new ResidualBlock(in, widths[s], s > 0 && b == 0 ? 2 : 1));
                in = widths[s];
            }
        }
        body.add(new AdaptiveAvgPool2d(1)).add(new Flatten()).add(new Linear(in, classes));
    }

    @Override
    public Tensor forward(Tensor images) {
        return body.forward(images);
    }
}
