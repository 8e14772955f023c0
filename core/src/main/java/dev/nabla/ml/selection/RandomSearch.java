package dev.nabla.ml.selection;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.SupervisedLearner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Random search: cross-validates {@code iterations} candidates drawn by a seeded sampler. */
public final class RandomSearch {

    private RandomSearch() {
    }

    /**
     * Draws candidates and scores each by k-fold cross-validation.
     *
     * @param sampler draws one candidate from the generator (e.g. a log-uniform penalty)
     * @param iterations number of candidates
     * @param seed seed of the generator handed to {@code sampler}
     */
    public static <P> SearchResult<P> search(Function<Generator, P> sampler, int iterations, long seed,
            Function<P, SupervisedLearner<?>> learner, Tensor x, Tensor y, CrossValidator cv) {
        Inputs.requirePositive("RandomSearch", "iterations", iterations);
        Generator gen = new Generator(seed);
        List<P> candidates = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            candidates.add(sampler.apply(gen));
        }
        return GridSearch.search(candidates, learner, x, y, cv);
    }
}
