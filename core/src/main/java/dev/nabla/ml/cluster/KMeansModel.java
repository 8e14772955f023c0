package dev.nabla.ml.cluster;

import dev.nabla.Tensor;
import dev.nabla.ml.Distances;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.Transformer;

/**
 * Fitted k-means clusters.
 *
 * @param centroids {@code [k, d]}
 * @param inertia sum of squared distances of the training rows to their centroid
 * @param iterations Lloyd iterations of the best restart
 * @param converged whether the best restart stopped by tolerance
 */
public record KMeansModel(Tensor centroids, double inertia, int iterations, boolean converged) implements Transformer {

    /** The index (INT64) of each row's nearest centroid. */
    public Tensor predict(Tensor x) {
        return transform(x).argmin(1, false);
    }

    /** Squared distances {@code [n, k]} of each row to each centroid. */
    @Override
    public Tensor transform(Tensor x) {
        Inputs.requireFeatures("KMeansModel.transform", x, centroids.size(1));
        return Distances.squaredEuclidean(x, centroids.to(x.dtype()));
    }

    /** The inertia of {@code x}: sum of squared distances to the nearest centroid. */
    public double inertia(Tensor x) {
        return transform(x).min(new int[] {1}, false).sum().item();
    }
}
