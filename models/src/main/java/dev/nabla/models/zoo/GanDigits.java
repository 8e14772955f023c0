package dev.nabla.models.zoo;

import dev.nabla.models.nets.Gan;
import dev.nabla.models.train.Session;

/** A fully connected GAN on the digits. */
final class GanDigits implements ZooModel {

    @Override
    public String name() {
        return "gan-digits";
    }

    @Override
    public String description() {
        return "GAN: MLP generator 64-128-256-784 and discriminator 784-256-128-1 (leaky ReLU), alternating updates,"
                + " on the digits; reports nearest-neighbour distance of samples and writes a sample grid";
    }

    @Override
    public Defaults defaults() {
        return new Defaults(20, 64, 2e-4, "Adam, beta1 0.5");
    }

    @Override
    public boolean readsIdxData() {
        return true;
    }

    @Override
    public Session open(TrainOptions options) {
        LabelledImages data = LabelledImages.digits(options, 500, 100);
        Gan gan = new Gan(data.side() * data.side(), 128, 64);
        gan.to(options.device());
        return new GanSession(gan, data, options);
    }
}
