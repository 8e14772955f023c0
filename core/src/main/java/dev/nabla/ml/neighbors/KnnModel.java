package dev.nabla.ml.neighbors;

import dev.nabla.Tensor;
import dev.nabla.ml.ClassLabels;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.ProbabilisticClassifier;
import dev.nabla.ml.RowBlocks;
import java.util.ArrayList;
import java.util.List;

/**
 * A fitted k-NN classifier (the stored training rows).
 *
 * @param points training rows {@code [n, d]}
 * @param classIndices class index of each row, INT64 {@code [n]}
 * @param classes the labels
 * @param k neighbours per vote
 * @param batchSize query rows per block of the streamed search: scratch is {@code batchSize × 2048} scores
 */
public record KnnModel(Tensor points, Tensor classIndices, ClassLabels classes, int k, int batchSize)
        implements ProbabilisticClassifier {

    /** The indices {@code [m, k]} (INT64) of each query row's nearest training rows, nearest first. */
    public Tensor neighbors(Tensor x) {
        Inputs.requireFeatures("KnnModel.neighbors", x, numFeatures());
        Tensor p = points.to(x.dtype());
        List<Tensor> norms = new ArrayList<>();
        RowBlocks.forEach(p, b -> norms.add(b.rows().mul(b.rows()).sum(new int[] {1}, false)));
        long[] idx = NeighborSearch.nearest(p, Tensor.cat(0, norms.toArray(Tensor[]::new)).toDoubleArray(),
                x.to(p.device()), k, batchSize);
        return Tensor.of(idx, x.size(0), k).to(x.device());
    }

    /** The fraction of the k neighbours in each class, {@code [m, numClasses]}. */
    @Override
    public Tensor predictProba(Tensor x) {
        Tensor idx = neighbors(x);
        Tensor labels = classIndices.indexSelect(0, idx.flatten()).reshape(idx.size(0), k);
        return labels.oneHot(classes.size()).to(x.dtype()).sum(new int[] {1}, false).div(k);
    }

    /** The majority label among the k neighbours (the smaller class index on ties, as scikit-learn). */
    @Override
    public Tensor predict(Tensor x) {
        return classes.decode(predictProba(x).argmax(1, false));
    }

    @Override
    public int numFeatures() {
        return points.size(1);
    }
}
