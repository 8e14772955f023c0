package dev.nabla.ml.neighbors;

import dev.nabla.Tensor;
import dev.nabla.ml.ClassLabels;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.SupervisedLearner;
import dev.nabla.ml.selection.GridSearch;
import dev.nabla.ml.selection.KFold;
import dev.nabla.ml.selection.SearchResult;
import java.util.List;

/**
 * k-nearest-neighbour classification by majority vote under the Euclidean distance. Fitting stores
 * the rows; prediction computes distances to them in batches of {@code batchSize} query rows.
 *
 * @param k neighbours per vote
 * @param batchSize query rows per distance matrix ({@code batchSize × n} entries)
 */
public record KNearestNeighbors(int k, int batchSize) implements SupervisedLearner<KnnModel> {

    /** Validates the settings. */
    public KNearestNeighbors {
        Inputs.requirePositive("KNearestNeighbors", "k", k);
        Inputs.requirePositive("KNearestNeighbors", "batchSize", batchSize);
    }

    /** {@code k} neighbours, batches of 256 query rows. */
    public static KNearestNeighbors of(int k) {
        return new KNearestNeighbors(k, 256);
    }

    @Override
    public KnnModel fit(Tensor x, Tensor y) {
        String op = "KNearestNeighbors.fit";
        Inputs.requireXy(op, x, y);
        Inputs.requireAtMostSamples(op, "k", k, x.size(0));
        ClassLabels classes = ClassLabels.of(op, y);
        return new KnnModel(x, classes.encode(op, y), classes, k, batchSize);
    }

    /** Picks {@code k} among {@code candidates} by k-fold cross-validated accuracy. */
    public static SearchResult<Integer> selectK(List<Integer> candidates, Tensor x, Tensor y, KFold kfold) {
        return GridSearch.search(candidates, KNearestNeighbors::of, x, y, kfold);
    }
}
