package dev.nabla.models.nets;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.nn.Activation;
import dev.nabla.nn.BatchNorm1d;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;

/**
 * A generative adversarial network (Goodfellow et al., 2014) of two MLPs with leaky ReLUs: a
 * generator from latent codes to pixels in [0, 1] (sigmoid output) and a discriminator from pixels
 * to one real-vs-fake logit. This module holds both, so one checkpoint saves the pair.
 */
public class Gan extends Module {

    private final int latent;
    private final int inputs;
    private final Sequential generator;
    private final Sequential discriminator;

    /**
     * @param inputs pixels per image
     * @param hidden the hidden width of both networks
     * @param latent latent dimensions
     */
    public Gan(int inputs, int hidden, int latent) {
        this.latent = latent;
        this.inputs = inputs;
        // batch norm in the generator's hidden layers keeps its outputs spread out, the usual cure for an MLP
        // generator that collapses onto one pattern
        generator = registerModule("generator", new Sequential(new Linear(latent, hidden), new BatchNorm1d(hidden),
                Activation.leakyRelu(0.2), new Linear(hidden, 2 * hidden), new BatchNorm1d(2 * hidden),
                Activation.leakyRelu(0.2), new Linear(2 * hidden, inputs), Activation.sigmoid()));
        discriminator = registerModule("discriminator", new Sequential(new Linear(inputs, 2 * hidden),
                Activation.leakyRelu(0.2), new Linear(2 * hidden, hidden), Activation.leakyRelu(0.2),
                new Linear(hidden, 1)));
    }

    /** The generator network (its parameters are what the generator's optimizer updates). */
    public Module generator() {
        return generator;
    }

    /** The discriminator network. */
    public Module discriminator() {
        return discriminator;
    }

    /** Standard normal latent codes {@code [count, latent]}. */
    public Tensor noise(int count, Generator gen) {
        return Tensor.normal(gen, 0, 1, DType.FLOAT32, generator.parameters().get(0).get().device(), count, latent);
    }

    /** Generated images {@code [N, inputs]} for codes {@code [N, latent]}. */
    public Tensor generate(Tensor z) {
        return generator.forward(z);
    }

    /** Real-vs-fake logits {@code [N]} for images {@code [N, ...]} with {@code inputs} pixels each. */
    public Tensor discriminate(Tensor images) {
        Tensor x = images.reshape(images.size(0), -1);
        if (x.size(1) != inputs) {
            throw new IllegalArgumentException("Gan: expected " + inputs + " pixels per image, got " + images.shape());
        }
        return discriminator.forward(x).reshape(images.size(0));
    }

    /** The generator's images for codes {@code z}: the module's forward pass. */
    @Override
    public Tensor forward(Tensor z) {
        return generate(z);
    }
}
