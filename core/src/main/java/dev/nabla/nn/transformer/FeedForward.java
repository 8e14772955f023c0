package dev.nabla.nn.transformer;

import dev.nabla.Tensor;
import dev.nabla.backend.fast.FusedActivation;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Linear;

/**
 * The position-wise feed-forward network {@code linear2(dropout(act(linear1(x))))}. The two linears
 * are registered by the layer itself under PyTorch's names ({@code linear1}, {@code linear2}), so this
 * is only the wiring, not a module of its own.
 */
final class FeedForward {

    private final Linear linear1;
    private final Linear linear2;
    private final FeedForwardActivation activation;
    private final double dropout;

    FeedForward(Linear linear1, Linear linear2, TransformerConfig config) {
        this.linear1 = linear1;
        this.linear2 = linear2;
        this.activation = config.activation();
        this.dropout = config.dropout();
    }

    Tensor apply(Tensor x, boolean training) {
        // ReLU after linear1 is the fused bias-and-activation op: the same values, one pass each way
        Tensor hidden = activation == FeedForwardActivation.RELU
                ? linear1.forwardActivated(x, FusedActivation.RELU)
                : activation.apply(linear1.forward(x));
        return linear2.forward(Functional.dropout(hidden, dropout, training));
    }
}
