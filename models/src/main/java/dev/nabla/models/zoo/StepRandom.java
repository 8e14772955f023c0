package dev.nabla.models.zoo;

import dev.nabla.Generator;

/**
 * Generators for the randomness inside a training step (noise, latent codes, time steps), seeded
 * from {@code (seed, epoch, step)} alone so that a resumed run draws what an uninterrupted one would.
 */
final class StepRandom {

    private StepRandom() {
    }

    /** The generator of step {@code step} of epoch {@code epoch}. */
    static Generator of(long seed, int epoch, int step) {
        return new Generator(seed * 0x9E3779B97F4A7C15L + epoch * 1_000_003L + step);
    }
}
