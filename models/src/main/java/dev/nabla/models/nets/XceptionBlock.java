package dev.nabla.models.nets;

import dev.nabla.Tensor;
import dev.nabla.nn.Activation;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;

/**
 * An Xception entry-flow block (Chollet, 2017): ReLU → separable conv → BN → ReLU → separable
 * conv → BN → 3×3 max pool with stride 2, plus a strided 1×1 conv + BN shortcut.
 */
public class XceptionBlock extends Module {

    private final Sequential main;
    private final Sequential shortcut;

    /**
     * @param in input channels
     * @param out output channels
     */
    public XceptionBlock(int in, int out) {
        main = registerModule("main", new Sequential(Activation.relu(), new SeparableConv(in, out), new BatchNorm2d(out),
                Activation.relu(), new SeparableConv(out, out), new BatchNorm2d(out), new MaxPool2d(3, 2, 1)));
        shortcut = registerModule("shortcut", new Sequential(ConvBlocks.he(new Conv2d(in, out, 1, 2, 0, 1, 1, false)),
                new BatchNorm2d(out)));
    }

    @Override
    public Tensor forward(Tensor x) {
        return main.forward(x).add(shortcut.forward(x));
    }
}
