package dev.nabla.models.nets;

import dev.nabla.Tensor;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.ConvTranspose2d;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Module;
import dev.nabla.nn.ModuleList;
import dev.nabla.nn.Sequential;
import java.util.ArrayList;
import java.util.List;

/**
 * U-Net (Ronneberger et al., 2015): an encoder of double 3×3 convolutions and 2×2 max pools, a
 * decoder of 2×2 transposed convolutions that doubles the size back, and skip connections that
 * concatenate each encoder level's features to the decoder level of the same size. A final 1×1
 * convolution gives per-pixel logits.
 */
public class UNet extends Module {

    private final int inChannels;
    private final int depth;
    private final ModuleList encoder = registerModule("encoder", new ModuleList());
    private final ModuleList upsample = registerModule("upsample", new ModuleList());
    private final ModuleList decoder = registerModule("decoder", new ModuleList());
    private final MaxPool2d pool = new MaxPool2d(2);
    private final Conv2d head;

    /**
     * @param inChannels input channels
     * @param outChannels output channels (logits per pixel)
     * @param base channels of the first level; each deeper level doubles them
     * @param depth the number of down-sampling steps; inputs need sides divisible by {@code 2^depth}
     */
    public UNet(int inChannels, int outChannels, int base, int depth) {
        if (inChannels < 1 || outChannels < 1 || base < 1 || depth < 1) {
            throw new IllegalArgumentException("UNet: need positive sizes, got in=" + inChannels + " out=" + outChannels
                    + " base=" + base + " depth=" + depth);
        }
        this.inChannels = inChannels;
        this.depth = depth;
        int in = inChannels;
        for (int level = 0; level <= depth; level++) {
            encoder.add(ConvBlocks.doubleConv(in, base << level));
            in = base << level;
        }
        for (int level = depth - 1; level >= 0; level--) {
            int c = base << level;
            upsample.add(new ConvTranspose2d(2 * c, c, 2, 2, 0, 0));
            decoder.add(ConvBlocks.doubleConv(2 * c, c));
        }
        head = registerModule("head", new Conv2d(base, outChannels, 1));
    }

    /** Maps {@code [N, in, H, W]} (H and W divisible by {@code 2^depth}) to logits {@code [N, out, H, W]}. */
    @Override
    public Tensor forward(Tensor input) {
        Images.check("UNet", input, inChannels, 0);
        int unit = 1 << depth;
        if (input.size(2) % unit != 0 || input.size(3) % unit != 0) {
            throw new IllegalArgumentException("UNet: input sides must be divisible by " + unit + ", got " + input.shape());
        }
        List<Tensor> skips = new ArrayList<>();
        Tensor x = input;
        for (int level = 0; level <= depth; level++) {
            if (level > 0) {
                x = pool.forward(x);
            }
            x = encoder.get(level).forward(x);
            skips.add(x);
        }
        for (int i = 0; i < depth; i++) {
            Tensor up = upsample.get(i).forward(x);
            x = decoder.get(i).forward(Tensor.cat(1, up, skips.get(depth - 1 - i)));
        }
        return head.forward(x);
    }
}
