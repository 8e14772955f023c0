package dev.nabla.ml.selection;

import dev.nabla.Tensor;
import dev.nabla.ml.SupervisedLearner;
import java.util.List;
import java.util.function.Function;

/** Exhaustive search: cross-validates the learner built from each candidate hyper-parameter value. */
public final class GridSearch {

    private GridSearch() {
    }

    /**
     * Scores every candidate by k-fold cross-validation.
     *
     * @param candidates hyper-parameter values (a record of several values for a multi-dimensional grid)
     * @param learner builds the learner for a candidate
     */
    public static <P> SearchResult<P> search(List<P> candidates, Function<P, SupervisedLearner<?>> learner, Tensor x,
            Tensor y, CrossValidator cv) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("GridSearch: no candidates");
        }
        double[] scores = new double[candidates.size()];
        int best = 0;
        for (int i = 0; i < scores.length; i++) {
            scores[i] = CrossValidation.meanScore(learner.apply(candidates.get(i)), x, y, cv);
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return new SearchResult<>(candidates.get(best), scores[best], List.copyOf(candidates), scores);
    }
}
