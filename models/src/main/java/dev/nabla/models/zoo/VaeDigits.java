package dev.nabla.models.zoo;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.models.nets.Vae;
import dev.nabla.models.train.Samples;
import dev.nabla.models.train.Session;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A VAE (latent 16) on the digits: test negative ELBO with its parts, and a grid of prior samples. */
final class VaeDigits implements ZooModel {

    private static final int LATENT = 16;

    @Override
    public String name() {
        return "vae-digits";
    }

    @Override
    public String description() {
        return "VAE 784-400-16 (Bernoulli decoder) on 5,000 embedded digits; test negative ELBO (nats), samples";
    }

    @Override
    public Defaults defaults() {
        return new Defaults(10, 64, 2e-3, "Adam");
    }

    @Override
    public boolean readsIdxData() {
        return true;
    }

    @Override
    public Session open(TrainOptions options) {
        LabelledImages data = LabelledImages.digits(options, 500, 100);
        Vae net = new Vae(data.side() * data.side(), 400, LATENT);
        return new ImageSession(net, options, data) {
            @Override
            Tensor loss(Tensor x, Generator gen) {
                return net.elbo(x, noise(x, gen)).loss();
            }

            private Tensor noise(Tensor x, Generator gen) {
                return Tensor.normal(gen, 0, 1, x.dtype(), x.device(), x.size(0), LATENT);
            }

            @Override
            Map<String, Double> extraMetrics(Tensor test, Generator gen) {
                Vae.Elbo elbo = net.elbo(test, noise(test, gen));
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("test_reconstruction", elbo.reconstruction().item());
                m.put("test_kl", elbo.kl().item());
                return m;
            }

            @Override
            public Optional<Samples> sample(int count) {
                try (GradMode ignored = Autograd.noGradScope()) {
                    Tensor images = net.sample(count > 0 ? count : 64, new Generator(options.seed()));
                    return Optional.of(Samples.images(images.toFloatArray(), data.side()));
                }
            }
        };
    }
}
