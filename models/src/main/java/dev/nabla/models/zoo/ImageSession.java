package dev.nabla.models.zoo;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.models.train.Batches;
import dev.nabla.nn.Module;
import dev.nabla.optim.Adam;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unsupervised training on the digits (labels unused) with one network and Adam: the shared part
 * of the autoencoders and the VAE. Subclasses define the loss of a batch; evaluation reports the
 * same loss on the test images with fixed noise.
 */
abstract class ImageSession extends TensorSession {

    /** Test images used for evaluation, to keep it quick. */
    private static final int EVAL_IMAGES = 1000;

    final TrainOptions options;

    ImageSession(Module net, TrainOptions options, LabelledImages data) {
        super(net.to(options.device()), List.of(new Adam(net.parameters(), Adam.options(options.lr()))), data.trainX(),
                head(data.testX(), EVAL_IMAGES), options.batchSize(), options.seed());
        this.options = options;
    }

    /** The training loss of images {@code x [B, 1, S, S]}, drawing any noise from {@code gen}. */
    abstract Tensor loss(Tensor x, Generator gen);

    /** Extra held-out metrics besides the loss (none by default). */
    Map<String, Double> extraMetrics(Tensor test, Generator gen) {
        return Map.of();
    }

    @Override
    public double trainStep(int epoch, int step) {
        return minimise(optimizer(0), loss(batch(epoch, step), Batches.stepGenerator(options.seed(), epoch, step)));
    }

    @Override
    public Map<String, Double> evaluate() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        try (GradMode ignored = Autograd.noGradScope()) {
            metrics.put("test_loss", loss(test(), new Generator(options.seed())).item());
            metrics.putAll(extraMetrics(test(), new Generator(options.seed())));
        }
        return metrics;
    }

    /** The first {@code count} test images (for reconstructions). */
    Tensor testImages(int count) {
        return head(test(), count);
    }
}
