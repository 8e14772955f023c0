package dev.nabla.models.nets;

import dev.nabla.Tensor;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;
import java.util.Arrays;

/**
 * A multi-layer perceptron: {@code Linear} layers with ReLU between them (none after the last).
 * Inputs of any rank are flattened to {@code [batch, features]} first, so it takes images as they are.
 */
public class Mlp extends Module {

    private final Sequential layers;
    private final int[] sizes;

    /**
     * @param sizes the widths, input first and output last, e.g. {@code 784, 256, 10}
     * @throws IllegalArgumentException for fewer than two sizes or a non-positive size
     */
    public Mlp(int... sizes) {
        if (sizes.length < 2 || Arrays.stream(sizes).anyMatch(s -> s <= 0)) {
            throw new IllegalArgumentException("Mlp: need at least two positive sizes, got " + Arrays.toString(sizes));
        }
        this.sizes = sizes.clone();
        layers = registerModule("layers", new Sequential());
        for (int i = 0; i + 1 < sizes.length; i++) {
            layers.add(new Linear(sizes[i], sizes[i + 1]));
            if (i + 2 < sizes.length) {
                layers.add(Activation.relu());
            }
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input.rank() == 2 ? input : input.reshape(input.size(0), -1);
        if (x.size(1) != sizes[0]) {
            throw new IllegalArgumentException("Mlp: expected " + sizes[0] + " input features, got input " + input.shape());
        }
        return layers.forward(x);
    }
}
