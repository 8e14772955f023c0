package dev.nabla.models.zoo;

import dev.nabla.models.nets.UNet;
import dev.nabla.models.train.Session;
import dev.nabla.optim.Adam;

/** A two-level U-Net that segments digit ink from a noisy, cluttered background ({@link NoisyDigitMasks}). */
final class UNetSegmentation implements ZooModel {

    private static final int TRAIN_PER_CLASS = 200;
    private static final int TEST_PER_CLASS = 50;

    @Override
    public String name() {
        return "unet-digits";
    }

    @Override
    public String description() {
        return "U-Net (8-16-32 channels, 2 levels, transposed-conv decoder, skip connections) segmenting digit ink"
                + " from noise and clutter; reports test IoU and pixel accuracy";
    }

    @Override
    public Defaults defaults() {
        return new Defaults(3, 16, 2e-3, "Adam");
    }

    @Override
    public Session open(TrainOptions options) {
        NoisyDigitMasks data = NoisyDigitMasks.generate(TRAIN_PER_CLASS, TEST_PER_CLASS, options.seed(), options.device());
        UNet net = new UNet(1, 1, 8, 2);
        net.to(options.device());
        return new SegmentationSession(net, new Adam(net.parameters(), Adam.options(options.lr())), data,
                options.batchSize(), options.seed());
    }
}
