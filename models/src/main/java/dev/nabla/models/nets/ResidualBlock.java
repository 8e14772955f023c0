package dev.nabla.models.nets;

import dev.nabla.Tensor;
import dev.nabla.nn.Activation;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Identity;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;

/**
 * ResNet's basic block (He et al., 2015): two 3×3 conv + batch norm layers whose output is added to
 * the input; where the shape changes (stride 2 or new width) the shortcut is a 1×1 conv + batch norm.
 */
public class ResidualBlock extends Module {

    private final Sequential main;
    private final Module shortcut;

    /**
     * @param in input channels
     * @param out output channels
     * @param stride 1, or 2 to halve the resolution
     */
    public ResidualBlock(int in, int out, int stride) {
        main = registerModule("main", new Sequential(ConvBlocks.conv3x3(in, out, stride), new BatchNorm2d(out),
                Activation.relu(), ConvBlocks.conv3x3(out, out, 1), new BatchNorm2d(out)));
        shortcut = registerModule("shortcut", stride == 1 && in == out ? new Identity()
                : new Sequential(ConvBlocks.he(new Conv2d(in, out, 1, stride, 0, 1, 1, false)), new BatchNorm2d(out)));
    }

    @Override
    public Tensor forward(Tensor x) {
        return main.forward(x).add(shortcut.forward(x)).relu();
    }
}
