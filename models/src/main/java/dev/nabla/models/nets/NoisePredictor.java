package dev.nabla.models.nets;

import dev.nabla.Tensor;

/** The network of a diffusion model: it predicts the noise ε in a noised sample {@code x_t}. */
public interface NoisePredictor {

    /**
     * The predicted noise, in {@code x}'s shape.
     *
     * @param x noisy samples {@code [N, ...]}
     * @param t INT64 diffusion steps {@code [N]}
     */
    Tensor predict(Tensor x, Tensor t);
}
