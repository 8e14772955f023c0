package dev.nabla.models.zoo;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.models.nets.Autoencoder;
import dev.nabla.models.train.Samples;
import dev.nabla.models.train.Session;
import dev.nabla.nn.Losses;
import dev.nabla.nn.Reduction;
import java.util.Map;
import java.util.Optional;

/**
 * The autoencoder family on the digits: plain, denoising (Gaussian noise on the input, the clean
 * image as target) and sparse (an L1 penalty on the code). Samples are reconstructions of test
 * images next to their originals; the metric is the reconstruction MSE of clean test images.
 */
final class AutoencoderDigits implements ZooModel {

    /** Which autoencoder. */
    enum Variant {
        /** Reconstruct the input. */
        PLAIN("ae-digits", "autoencoder 784-256-32-256-784"),
        /** Reconstruct the clean input from a noisy one. */
        DENOISING("dae-digits", "denoising autoencoder (Gaussian noise sd 0.4 on the input)"),
        /** Reconstruct the input with an L1 penalty on the code. */
        SPARSE("sae-digits", "sparse autoencoder (L1 1e-3 on a 64-wide code)");

        final String name;
        final String summary;

        Variant(String name, String summary) {
            this.name = name;
            this.summary = summary;
        }
    }

    private static final double NOISE = 0.4;
    private static final double L1 = 1e-3;

    private final Variant variant;

    AutoencoderDigits(Variant variant) {
        this.variant = variant;
    }

    @Override
    public String name() {
        return variant.name;
    }

    @Override
    public String description() {
        return variant.summary + " on 5,000 embedded digits; test reconstruction MSE";
    }

    @Override
    public Defaults defaults() {
        return new Defaults(5, 64, 2e-3, "Adam");
    }

    @Override
    public boolean readsIdxData() {
        return true;
    }

    @Override
    public Session open(TrainOptions options) {
        LabelledImages data = LabelledImages.digits(options, 500, 100);
        int pixels = data.side() * data.side();
        Autoencoder net = new Autoencoder(pixels, 256, variant == Variant.SPARSE ? 64 : 32);
        return new ImageSession(net, options, data) {
            @Override
            Tensor loss(Tensor x, Generator gen) {
                Tensor target = x.reshape(x.size(0), pixels);
                Tensor input = variant == Variant.DENOISING
                        ? target.add(Tensor.normal(gen, 0, NOISE, x.dtype(), x.device(), x.size(0), pixels))
                        : target;
                Tensor code = net.encode(input);
                Tensor loss = Losses.bceWithLogits(net.decode(code), target, null, null, Reduction.MEAN);
                return variant == Variant.SPARSE ? loss.add(code.abs().mean().mul(L1 * code.size(1))) : loss;
            }

            @Override
            Map<String, Double> extraMetrics(Tensor test, Generator gen) {
                Tensor flat = test.reshape(test.size(0), pixels);
                Tensor error = net.reconstruct(flat).sub(flat);
                return Map.of("test_mse", error.mul(error).mean().item());
            }

            @Override
            public Optional<Samples> sample(int count) {
                int n = Math.max(1, (count > 0 ? count : 64) / 2);
                Tensor originals = testImages(n).reshape(-1, pixels);
                Tensor pairs = Tensor.stack(1, originals, net.reconstruct(originals)).reshape(-1);
                return Optional.of(Samples.images(pairs.toFloatArray(), data.side()));
            }
        };
    }
}
