package dev.nabla.ml.neighbors;

import dev.nabla.Tensor;
import dev.nabla.ml.ClassLabels;
import dev.nabla.ml.Distances;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.ProbabilisticClassifier;
import java.util.ArrayList;
import java.util.List;

/**
 * A fitted k-NN classifier (the stored training rows).
 *
 * @param points training rows {@code [n, d]}
 * @param classIndices class index of each row, INT64 {@code [n]}
 * @param classes the labels
 * @param k neighbours per vote
 * @param batchSize query rows per distance matrix
 */
public record KnnModel(Tensor points, Tensor classIndices, ClassLabels classes, int k, int batchSize)
        implements ProbabilisticClassifier {

    /** The indices {@code [m, k]} (INT64) of each query row's nearest training rows, nearest first. */
    public Tensor neighbors(Tensor x) {
        Inputs.requireFeatures("KnnModel.neighbors", x, numFeatures());
        List<Tensor> parts = new ArrayList<>();
        Tensor p = points.to(x.dtype());
        for (int start = 0; start < x.size(0); start += batchSize) {
            Tensor batch = x.narrow(0, start, Math.min(batchSize, x.size(0) - start));
            parts.add(Distances.smallest(Distances.squaredEuclidean(batch, p), k));
        }
        return Tensor.cat(0, parts.toArray(Tensor[]::new));
    }

    /** The fraction of the k neighbours in each class, {@code [m, numClasses]}. */
    @Override
    public Tensor predictProba(Tensor x) {
        Tensor idx = neighbors(x);
        Tensor labels = classIndices.indexSelect(0, idx.flatten()).reshape(idx.size(0), k);
        return labels.oneHot(classes.size()).to(x.dtype()).sum(new int[] {1}, false).div(k);
    }

    /** The majority label among the k neighbours (the smaller class index on ties). */
    @Override
    public Tensor predict(Tensor x) {
        return classes.decode(predictProba(x).argmax(1, false));
    }

    @Override
    public int numFeatures() {
        return points.size(1);
    }
}
