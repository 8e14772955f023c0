package dev.nabla.models.zoo;

import dev.nabla.models.nets.LeNet5;
import dev.nabla.nn.Module;

/** LeNet-5 on the embedded digits (or MNIST IDX files): the main job of the README. */
final class LeNetDigits extends ImageClassifier {

    @Override
    public String name() {
        return "lenet-digits";
    }

    @Override
    public String description() {
        return "LeNet-5 (ReLU, max pool) on the embedded digits or --data MNIST IDX; reports test accuracy";
    }

    @Override
    public Defaults defaults() {
        return new Defaults(4, 32, 2e-3, "Adam");
    }

    @Override
    Module network(int side, int classes) {
        return new LeNet5(side, classes);
    }
}
