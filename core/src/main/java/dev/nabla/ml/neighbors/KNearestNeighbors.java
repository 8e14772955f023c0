package dev.nabla.ml.neighbors;

import dev.nabla.Tensor;
import dev.nabla.ml.ClassLabels;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.SupervisedLearner;
import dev.nabla.ml.selection.GridSearch;
import dev.nabla.ml.selection.CrossValidator;
import dev.nabla.ml.selection.SearchResult;
import java.util.List;

/**
 * k-nearest-neighbour classification by majority vote under the Euclidean distance. Fitting stores
 * the rows; prediction streams blocks of {@code batchSize} query rows against blocks of training rows.
 *
 * @param k neighbours per vote
 * @param batchSize query rows per block of the streamed neighbour search ({@code batchSize × 2048} scores at a time)
 */
public record KNearestNeighbors(int k, int batchSize) implements SupervisedLearner<KnnModel> {

    /** Validates the settings. */
    public KNearestNeighbors {
        Inputs.requirePositive("KNearestNeighbors", "k", k);
        Inputs.requirePositive("KNearestNeighbors", "batchSize", batchSize);
    }

    /** {@code k} neighbours, batches of 1024 query rows (16 MB of scores at a time). */
    public static KNearestNeighbors of(int k) {
        return new KNearestNeighbors(k, 1024);
    }

    @Override
    public KnnModel fit(Tensor x, Tensor y) {
        String op = "KNearestNeighbors.fit";
        Inputs.requireXy(op, x, y);
        Inputs.requireAtMostSamples(op, "k", k, x.size(0));
        ClassLabels classes = ClassLabels.of(op, y);
        return new KnnModel(x, classes.encode(op, y), classes, k, batchSize);
    }

    /** Picks {@code k} among {@code candidates} by cross-validated accuracy. */
    public static SearchResult<Integer> selectK(List<Integer> candidates, Tensor x, Tensor y, CrossValidator cv) {
        return GridSearch.search(candidates, KNearestNeighbors::of, x, y, cv);
    }
}
