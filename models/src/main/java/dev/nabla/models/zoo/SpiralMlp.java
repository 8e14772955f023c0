package dev.nabla.models.zoo;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.models.data.ToyDatasets;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.SGD;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** A 2-64-64-2 ReLU MLP that separates two interleaved spirals: the smallest end-to-end proof. */
public final class SpiralMlp implements ZooModel {

    private static final int POINTS = 1000;
    private static final double NOISE = 0.04;

    @Override
    public String name() {
        return "mlp-spiral";
    }

    @Override
    public String description() {
        return "MLP 2-64-64-2 (ReLU) on a generated two-arm spiral; reaches >= 95% training accuracy";
    }

    @Override
    public String defaults() {
        return "epochs=100 batch-size=50 lr=0.1 (SGD, momentum 0.9)";
    }

    @Override
    public TrainResult train(TrainOptions options, PrintStream log) {
        long start = System.nanoTime();
        Generator.manualSeed(options.seed());
        Device device = options.device();
        ToyDatasets.Points data = ToyDatasets.spirals(POINTS, 2, NOISE, options.seed());
        Tensor x = Tensor.of(data.xy(), data.count(), 2).to(device);
        Tensor y = Tensor.ofIndices(data.labels(), data.count()).to(device);

        Sequential model = new Sequential(new Linear(2, 64), Activation.relu(), new Linear(64, 64), Activation.relu(),
                new Linear(64, 2));
        model.to(device);
        SGD sgd = new SGD(model.parameters(), options.lrOr(0.1), 0.9);
        int epochs = options.epochsOr(100);
        int batch = options.batchSizeOr(50);
        Generator shuffle = new Generator(options.seed() + 1);
        double accuracy = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[] order = permutation(data.count(), shuffle);
            double lossSum = 0;
            int steps = 0;
            for (int from = 0; from < order.length; from += batch) {
                int len = Math.min(batch, order.length - from);
                Tensor idx = Tensor.ofIndices(java.util.Arrays.copyOfRange(order, from, from + len), len).to(device);
                Tensor loss = Functional.crossEntropy(model.forward(x.indexSelect(0, idx)), y.indexSelect(0, idx));
                sgd.zeroGrad();
                loss.backward();
                sgd.step();
                lossSum += loss.item();
                steps++;
            }
            accuracy = accuracy(model, x, y);
            if (epoch % 10 == 0 || epoch == epochs) {
                log.printf(Locale.ROOT, "epoch %3d  loss %.4f  train accuracy %.2f%%%n", epoch, lossSum / steps, 100 * accuracy);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TrainResult(Map.of("train_accuracy", accuracy), seconds);
    }

    static double accuracy(Sequential model, Tensor x, Tensor y) {
        try (GradMode ignored = Autograd.noGradScope()) {
            Tensor predicted = model.forward(x).argmax(1, false);
            return predicted.eq(y).to(DType.FLOAT64).mean().item();
        }
    }

    /** A seeded Fisher–Yates shuffle of {@code 0..n-1}. */
    static int[] permutation(int n, Generator gen) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = gen.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
