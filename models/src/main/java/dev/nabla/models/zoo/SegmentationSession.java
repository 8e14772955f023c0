package dev.nabla.models.zoo;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.models.train.Samples;
import dev.nabla.nn.Losses;
import dev.nabla.nn.Module;
import dev.nabla.nn.Reduction;
import dev.nabla.optim.Optimizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binary segmentation with per-pixel logistic loss: reports the test set's intersection over union
 * and pixel accuracy, next to the IoU of thresholding the input itself (the baseline to beat).
 * Its "samples" are test pictures drawn with their true and predicted masks.
 */
final class SegmentationSession extends TensorSession {

    private final Module net;
    private final NoisyDigitMasks data;

    /**
     * @param net maps images {@code [B, 1, H, W]} to mask logits of the same shape
     * @param optimizer updates {@code net}
     * @param data the task
     * @param batchSize pictures per step
     * @param seed the run's seed (batch order)
     */
    SegmentationSession(Module net, Optimizer optimizer, NoisyDigitMasks data, int batchSize, long seed) {
        // input and mask travel together as two channels, so one index selects both
        super(net, List.of(optimizer), Tensor.cat(1, data.trainX(), data.trainMask()),
                Tensor.cat(1, data.testX(), data.testMask()), batchSize, seed);
        this.net = net;
        this.data = data;
    }

    @Override
    public double trainStep(int epoch, int step) {
        Tensor pictures = batch(epoch, step);
        Tensor logits = net.forward(pictures.narrow(1, 0, 1));
        return minimise(optimizer(0), Losses.bceWithLogits(logits, pictures.narrow(1, 1, 1), null, null, Reduction.MEAN));
    }

    @Override
    public Map<String, Double> evaluate() {
        // loss, intersection, union and correct pixels of the network; intersection and union of the baseline
        double[] sums = new double[6];
        int n = data.testX().size(0);
        Batched.forEach(n, (from, len) -> {
            Tensor x = data.testX().narrow(0, from, len);
            Tensor mask = data.testMask().narrow(0, from, len);
            Tensor logits = net.forward(x);
            sums[0] += Losses.bceWithLogits(logits, mask, null, null, Reduction.MEAN).item() * len;
            Tensor predicted = logits.gt(0).to(DType.FLOAT32);
            sums[1] += predicted.mul(mask).sum().item();
            sums[2] += predicted.maximum(mask).sum().item();
            sums[3] += predicted.eq(mask).sum().item();
            Tensor thresholded = x.gt(0.5).to(DType.FLOAT32);
            sums[4] += thresholded.mul(mask).sum().item();
            sums[5] += thresholded.maximum(mask).sum().item();
        });
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test_iou", sums[1] / sums[2]);
        metrics.put("test_pixel_accuracy", sums[3] / data.testMask().shape().numel());
        metrics.put("test_loss", sums[0] / n);
        metrics.put("threshold_baseline_iou", sums[4] / sums[5]);
        return metrics;
    }

    /**
     * The first {@code count} test pictures (32 for count 0; repeating when there are fewer), each drawn as one
     * double-size square: the input and the true mask above the predicted mask and its errors.
     */
    @Override
    public Optional<Samples> sample(int count) {
        int pictures = orDefault(count, DEFAULT_IMAGES / 2);
        Tensor x = Composites.cycle(data.testX(), pictures);
        Tensor truth = Composites.cycle(data.testMask(), pictures);
        Tensor predicted;
        try (GradMode ignored = Autograd.noGradScope()) {
            predicted = net.forward(x).gt(0).to(DType.FLOAT32);
        }
        Tensor quad = Composites.quad(x, truth, predicted, predicted.sub(truth).abs());
        return Optional.of(Samples.images(quad.toFloatArray(), quad.size(2)));
    }
}
