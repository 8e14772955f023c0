package dev.nabla.models.zoo;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.models.train.Batches;
import dev.nabla.models.train.Session;
import dev.nabla.nn.Module;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unsupervised training on the digits (labels unused) with one network and Adam: the shared part
 * of the autoencoders and the VAE. Subclasses define the loss of a batch; evaluation reports the
 * same loss on the test images with fixed noise.
 */
abstract class ImageSession implements Session {

    /** Test images used for evaluation, to keep it quick. */
    private static final int EVAL_IMAGES = 1000;

    private final Module module;
    final TrainOptions options;
    private final Optimizer optimizer;
    private final Tensor train;
    private final Tensor test;
    private final Batches batches;

    ImageSession(Module net, TrainOptions options, LabelledImages data) {
        this.module = net;
        this.options = options;
        net.to(options.device());
        this.optimizer = new Adam(net.parameters(), Adam.options(options.lr()));
        this.train = data.trainX();
        this.test = data.testX().narrow(0, 0, Math.min(EVAL_IMAGES, data.testX().size(0)));
        this.batches = new Batches(train.size(0), options.batchSize(), options.seed(), options.device());
    }

    /** The training loss of images {@code x [B, 1, S, S]}, drawing any noise from {@code gen}. */
    abstract Tensor loss(Tensor x, Generator gen);

    /** Extra held-out metrics besides the loss (none by default). */
    Map<String, Double> extraMetrics(Tensor test, Generator gen) {
        return Map.of();
    }

    @Override
    public Module model() {
        return module;
    }

    @Override
    public List<Optimizer> optimizers() {
        return List.of(optimizer);
    }

    @Override
    public int stepsPerEpoch() {
        return batches.perEpoch();
    }

    @Override
    public double trainStep(int epoch, int step) {
        Tensor loss = loss(train.indexSelect(0, batches.tensor(epoch, step)), Batches.stepGenerator(options.seed(), epoch, step));
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();
        return loss.item();
    }

    @Override
    public Map<String, Double> evaluate() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        try (GradMode ignored = Autograd.noGradScope()) {
            metrics.put("test_loss", loss(test, new Generator(options.seed())).item());
            metrics.putAll(extraMetrics(test, new Generator(options.seed())));
        }
        return metrics;
    }

    /** The first {@code count} test images (for reconstructions). */
    Tensor testImages(int count) {
        return test.narrow(0, 0, Math.min(count, test.size(0)));
    }
}
