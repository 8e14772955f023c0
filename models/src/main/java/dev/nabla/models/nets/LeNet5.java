package dev.nabla.models.nets;

import dev.nabla.Tensor;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Linear;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;

/**
 * LeNet-5 (LeCun et al., 1998) with ReLU and max pooling: conv 5×5 (6) → pool → conv 5×5 (16) →
 * pool → 120 → 84 → classes. The first convolution pads by 2, so 28×28 inputs see the 32×32 field
 * of the original.
 */
public class LeNet5 extends Module {

    private final Sequential features;
    private final Sequential classifier;

    /**
     * @param side the input image side (28 for MNIST; must leave a positive map after both pools)
     * @param classes the number of classes
     */
    public LeNet5(int side, int classes) {
        int map = ((side / 2) - 4) / 2;
        if (map <= 0) {
            throw new IllegalArgumentException("LeNet5: images of side " + side + " are too small (need at least 10)");
        }
        features = registerModule("features", new Sequential(new Conv2d(1, 6, 5, 1, 2), Activation.relu(), new MaxPool2d(2),
                new Conv2d(6, 16, 5), Activation.relu(), new MaxPool2d(2)));
        classifier = registerModule("classifier", new Sequential(new Flatten(), new Linear(16 * map * map, 120),
                Activation.relu(), new Linear(120, 84), Activation.relu(), new Linear(84, classes)));
    }

    /** Class logits {@code [B, classes]} for images {@code [B, 1, side, side]}. */
    @Override
    public Tensor forward(Tensor images) {
        return classifier.forward(features.forward(images));
    }
}
