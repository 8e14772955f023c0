package dev.nabla.nn.cnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.models.data.DigitsDataset;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Linear;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A LeNet-style CNN learns the generated digits: held-out accuracy far above the 10% of chance. */
class CnnLearnsDigitsTest {

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void lenetStyleCnnLearnsGeneratedDigits() {
        Generator.manualSeed(3);
        DigitsDataset.Digits train = DigitsDataset.generate(120, 11);
        DigitsDataset.Digits test = DigitsDataset.generate(30, 12);
        Tensor x = Tensor.of(train.images(), train.labels().length, 1, 28, 28);
        Tensor y = Tensor.ofIndices(train.labels(), train.labels().length);
        Sequential cnn = new Sequential(
                new Conv2d(1, 6, 5, 1, 2), Activation.relu(), new MaxPool2d(2),
                new Conv2d(6, 16, 5), Activation.relu(), new MaxPool2d(2),
                new Flatten(), new Linear(16 * 5 * 5, 84), Activation.relu(), new Linear(84, 10));
        Adam adam = new Adam(cnn.parameters(), Adam.options(2e-3));
        long start = System.nanoTime();
        int n = train.labels().length;
        int batch = 50;
        Generator order = new Generator(4);
        for (int epoch = 0; epoch < 4; epoch++) {
            for (int step = 0; step < n / batch; step++) {
                Tensor rows = Tensor.randint(order, 0, n, x.device(), batch);
                Tensor loss = Functional.crossEntropy(cnn.forward(x.indexSelect(0, rows)), y.indexSelect(0, rows));
                adam.zeroGrad();
                loss.backward();
                adam.step();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        cnn.eval();
        double accuracy;
        try (GradMode ignored = Autograd.noGradScope()) {
            Tensor tx = Tensor.of(test.images(), test.labels().length, 1, 28, 28);
            Tensor ty = Tensor.ofIndices(test.labels(), test.labels().length);
            accuracy = cnn.forward(tx).argmax(1, false).eq(ty).to(DType.FLOAT64).mean().item();
        }
        System.out.printf("LeNet-style CNN: held-out accuracy %.3f after %.1f s of training on %d images%n", accuracy,
                seconds, n);
        assertTrue(accuracy > 0.6, "held-out accuracy " + accuracy);
    }
}
