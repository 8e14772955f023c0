package dev.nabla.models.zoo;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.models.nets.Gan;
import dev.nabla.models.train.Samples;
import dev.nabla.nn.Losses;
import dev.nabla.nn.Module;
import dev.nabla.nn.Reduction;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trains a {@link Gan} with alternating updates: one discriminator step on a real and a generated
 * batch, then one generator step with the non-saturating loss {@code −log D(G(z))}. Adam with
 * β₁ = 0.5 for both, as in DCGAN. A step reports the discriminator's loss (the generator's loss,
 * {@code −log D(G(z))}, rises as the discriminator gets better, so their sum says little); the
 * evaluation reports both networks' mean outputs.
 */
final class GanSession extends TensorSession {

    /** Index of the generator's optimizer in {@link #optimizers()}. */
    private static final int GENERATOR = 0;
    /** Index of the discriminator's optimizer. */
    private static final int DISCRIMINATOR = 1;

    private final Gan gan;
    private final long seed;
    private final int side;

    /**
     * @param gan the generator and discriminator
     * @param data the images (labels unused)
     * @param options the run's options
     */
    GanSession(Gan gan, LabelledImages data, TrainOptions options) {
        super(gan, List.of(adam(gan.generator(), options), adam(gan.discriminator(), options)), data.trainX(),
                data.testX(), options.batchSize(), options.seed());
        this.gan = gan;
        this.seed = options.seed();
        this.side = data.side();
    }

    private static Optimizer adam(Module net, TrainOptions options) {
        return new Adam(net.parameters(), Adam.options(options.lr()).betas(0.5, 0.999));
    }

    /** Binary cross-entropy of logits against a constant label. */
    private static Tensor bce(Tensor logits, double label) {
        return Losses.bceWithLogits(logits, Tensor.zerosLike(logits).add(label), null, null, Reduction.MEAN);
    }

    @Override
    public double trainStep(int epoch, int step) {
        Tensor real = batch(epoch, step);
        Generator gen = StepRandom.of(seed, epoch, step);
        int n = real.size(0);
        Tensor fake = gan.generate(gan.noise(n, gen)).detach();
        double d = minimise(optimizer(DISCRIMINATOR),
                bce(gan.discriminate(real), 1).add(bce(gan.discriminate(fake), 0)));
        minimise(optimizer(GENERATOR), bce(gan.discriminate(gan.generate(gan.noise(n, gen))), 1));
        return d;
    }

    @Override
    public Map<String, Double> evaluate() {
        Tensor samples = draw(256);
        Tensor real = head(test(), 256);
        Map<String, Double> metrics = new LinkedHashMap<>();
        Batched.forEach(1, (from, len) -> {
            metrics.put("d_real", gan.discriminate(real).sigmoid().mean().item());
            metrics.put("d_fake", gan.discriminate(samples).sigmoid().mean().item());
        });
        metrics.put("sample_nn_mse", NearestNeighbours.meanSquaredDistance(samples, train()));
        metrics.put("real_nn_mse", NearestNeighbours.meanSquaredDistance(real, train()));
        return metrics;
    }

    private Tensor draw(int count) {
        Tensor[] out = new Tensor[1];
        Batched.forEach(1, (from, len) -> out[0] = gan.generate(gan.noise(count, new Generator(seed + 2))));
        return out[0];
    }

    @Override
    public Optional<Samples> sample(int count) {
        return Optional.of(Samples.images(draw(orDefault(count, DEFAULT_IMAGES)).toFloatArray(), side));
    }
}
