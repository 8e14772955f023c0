package dev.nabla.ml.selection;

import java.util.List;

/**
 * The outcome of a hyper-parameter search.
 *
 * @param best the candidate with the highest mean cross-validated score (the first one on ties)
 * @param bestScore its score
 * @param candidates every candidate tried, in order
 * @param meanScores the mean score of each candidate
 * @param <P> the hyper-parameter type
 */
public record SearchResult<P>(P best, double bestScore, List<P> candidates, double[] meanScores) {
}
