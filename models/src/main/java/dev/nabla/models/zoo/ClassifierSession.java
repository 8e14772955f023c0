package dev.nabla.models.zoo;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.models.train.Batches;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.Schedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Supervised classification with cross-entropy: the session of every image classifier in the zoo
 * (MLP, LeNet, VGG, ResNet, Xception) and of the spiral MLP. The learning rate of each step is a
 * pure function of the step's index (a {@link Schedule} over the optimizer's initial rate), so a
 * resumed run continues exactly where it stopped. Reports test accuracy and loss.
 */
public final class ClassifierSession extends ZooSession {

    /** Samples per forward pass during evaluation, to bound memory. */
    private static final int EVAL_BATCH = 500;

    private final Module net;
    private final Schedule schedule;
    private final double baseLr;
    private final Tensor trainX;
    private final Tensor trainY;
    private final Tensor testX;
    private final Tensor testY;
    private final Batches batches;

    /**
     * @param net maps a batch of inputs to logits {@code [B, classes]}
     * @param optimizer updates {@code net}'s parameters
     * @param train training inputs and INT64 labels
     * @param test held-out inputs and labels
     * @param batches the batch schedule over the training set
     * @param schedule the learning rate of step t (counted from 0 over all epochs) from the optimizer's initial rate
     */
    public ClassifierSession(Module net, Optimizer optimizer, Tensor[] train, Tensor[] test, Batches batches,
            Schedule schedule) {
        super(net, List.of(optimizer), batches.perEpoch());
        this.net = net;
        this.schedule = schedule;
        this.baseLr = optimizer.paramGroups().get(0).lr();
        this.trainX = train[0];
        this.trainY = train[1];
        this.testX = test[0];
        this.testY = test[1];
        this.batches = batches;
    }

    @Override
    public double trainStep(int epoch, int step) {
        double lr = schedule.lr(baseLr, (long) (epoch - 1) * stepsPerEpoch() + step);
        optimizer(0).paramGroups().forEach(group -> group.setLr(lr));
        Tensor idx = batches.tensor(epoch, step);
        return minimise(optimizer(0), Functional.crossEntropy(net.forward(trainX.indexSelect(0, idx)), trainY.indexSelect(0, idx)));
    }

    @Override
    public Map<String, Double> evaluate() {
        double correct = 0;
        double lossSum = 0;
        int n = testX.size(0);
        try (GradMode ignored = Autograd.noGradScope()) {
            for (int from = 0; from < n; from += EVAL_BATCH) {
                int len = Math.min(EVAL_BATCH, n - from);
                Tensor logits = net.forward(testX.narrow(0, from, len));
                Tensor y = testY.narrow(0, from, len);
                lossSum += Functional.crossEntropy(logits, y).item() * len;
                correct += logits.argmax(1, false).eq(y).to(DType.FLOAT64).sum().item();
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test_accuracy", correct / n);
        metrics.put("test_loss", lossSum / n);
        return metrics;
    }
}
