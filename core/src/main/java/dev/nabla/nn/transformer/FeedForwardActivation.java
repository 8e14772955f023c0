package dev.nabla.nn.transformer;

import dev.nabla.Tensor;
import dev.nabla.nn.Activations;

/** The activation between a Transformer layer's two feed-forward linears ({@code linear1}, {@code linear2}). */
public enum FeedForwardActivation {

    /** ReLU: PyTorch's default ({@code activation="relu"}). */
    RELU {
        @Override
        public Tensor apply(Tensor x) {
            return x.relu();
        }
    },

    /** The exact GELU, {@code x·Φ(x)} ({@code activation="gelu"}; GPT and BERT use it). */
    GELU {
        @Override
        public Tensor apply(Tensor x) {
            return Activations.gelu(x);
        }
    };

    /** Applies the activation elementwise. */
    public abstract Tensor apply(Tensor x);
}
