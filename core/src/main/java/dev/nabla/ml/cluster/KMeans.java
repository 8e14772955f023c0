package dev.nabla.ml.cluster;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.ml.Distances;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.UnsupervisedLearner;
import java.util.Objects;

/**
 * k-means by Lloyd's algorithm: assign rows to the nearest centroid (a distance matrix on the
 * device), move each centroid to its rows' mean (a one-hot matrix product). The best of
 * {@code restarts} runs, by inertia, is kept. An empty cluster keeps its previous centroid.
 *
 * @param k number of clusters
 * @param init seeding method
 * @param restarts independent runs
 * @param maxIterations Lloyd iterations per run
 * @param tolerance stop when no centroid moves by more than this (squared distance)
 * @param seed seed of the seeding
 */
public record KMeans(int k, KMeansInit init, int restarts, int maxIterations, double tolerance, long seed)
        implements UnsupervisedLearner<KMeansModel> {

    /** Validates the settings. */
    public KMeans {
        Inputs.requirePositive("KMeans", "k", k);
        Objects.requireNonNull(init, "KMeans: init");
        Inputs.requirePositive("KMeans", "restarts", restarts);
        Inputs.requirePositive("KMeans", "maxIterations", maxIterations);
        Inputs.requireNonNegative("KMeans", "tolerance", tolerance);
    }

    /** k-means++ seeding, 10 restarts, 300 iterations, tolerance 1e-10. */
    public static KMeans of(int k, long seed) {
        return new KMeans(k, KMeansInit.KMEANS_PLUS_PLUS, 10, 300, 1e-10, seed);
    }

    /** A copy with another seeding and restart count. */
    public KMeans withInit(KMeansInit value, int restartCount) {
        return new KMeans(k, value, restartCount, maxIterations, tolerance, seed);
    }

    @Override
    public KMeansModel fit(Tensor x) {
        Inputs.requireMatrix("KMeans.fit", x);
        Inputs.requireAtMostSamples("KMeans.fit", "k", k, x.size(0));
        Generator gen = new Generator(seed);
        KMeansModel best = null;
        for (int r = 0; r < restarts; r++) {
            KMeansModel run = lloyd(x, Seeding.centroids(init, x, k, gen));
            if (best == null || run.inertia() < best.inertia()) {
                best = run;
            }
        }
        return best;
    }

    private KMeansModel lloyd(Tensor x, Tensor start) {
        Tensor c = start;
        for (int it = 1; it <= maxIterations; it++) {
            Tensor assign = Distances.squaredEuclidean(x, c).argmin(1, false);
            Tensor next = means(x, assign, c);
            double shift = next.sub(c).pow(2).sum(new int[] {1}, false).max().item();
            c = next;
            if (shift <= tolerance) {
                return new KMeansModel(c, inertia(x, c), it, true);
            }
        }
        return new KMeansModel(c, inertia(x, c), maxIterations, false);
    }

    /** Per-cluster means of the rows; clusters without rows keep {@code previous}. */
    static Tensor means(Tensor x, Tensor assign, Tensor previous) {
        Tensor r = assign.oneHot(previous.size(0)).to(x.dtype());
        Tensor counts = r.sum(new int[] {0}, false).unsqueeze(1);
        Tensor sums = r.t().matmul(x);
        return Tensor.where(counts.eq(0), previous, sums.div(counts.maximum(Tensor.onesLike(counts))));
    }

    private static double inertia(Tensor x, Tensor c) {
        return Distances.squaredEuclidean(x, c).min(new int[] {1}, false).sum().item();
    }
}
