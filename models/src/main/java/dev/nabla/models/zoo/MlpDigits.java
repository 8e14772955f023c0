package dev.nabla.models.zoo;

import dev.nabla.models.nets.Mlp;
import dev.nabla.nn.Module;

/** A 784-256-128-10 MLP on the digits: the fully connected baseline for the convolutional models. */
final class MlpDigits extends ImageClassifier {

    @Override
    public String name() {
        return "mlp-digits";
    }

    @Override
    public String description() {
        return "MLP 784-256-128-10 (ReLU) on the embedded digits or --data MNIST IDX; reports test accuracy";
    }

    @Override
    public Defaults defaults() {
        return new Defaults(10, 64, 1e-3, "Adam");
    }

    @Override
    Module network(int side, int classes) {
        return new Mlp(side * side, 256, 128, classes);
    }
}
