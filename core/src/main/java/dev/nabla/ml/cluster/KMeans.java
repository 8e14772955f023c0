package dev.nabla.ml.cluster;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.ml.ConvergenceWarning;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.UnsupervisedLearner;
import java.util.Objects;

/**
 * k-means by Lloyd's algorithm with scikit-learn's stopping rules ({@link Lloyd}: two GEMMs per
 * block of rows and iteration). A run stops when the assignments no longer change, or when the
 * centroids' total squared shift is at most {@code tolerance} times the data's mean column
 * variance; the best of {@code restarts} runs, by inertia, is kept. An empty cluster takes the
 * row farthest from its centroid. Fewer distinct clusters than {@code k} (duplicate rows) log a
 * warning, as scikit-learn's {@code ConvergenceWarning} does.
 *
 * @param k number of clusters
 * @param init seeding method
 * @param restarts independent runs
 * @param maxIterations Lloyd iterations per run
 * @param tolerance the centroid shift, relative to the mean column variance, below which a run has converged
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

    /** k-means++ seeding, 10 restarts, 300 iterations, tolerance 1e-4 (scikit-learn's defaults). */
    public static KMeans of(int k, long seed) {
        return new KMeans(k, KMeansInit.KMEANS_PLUS_PLUS, 10, 300, 1e-4, seed);
    }

    /** A copy with another seeding and restart count. */
    public KMeans withInit(KMeansInit value, int restartCount) {
        return new KMeans(k, value, restartCount, maxIterations, tolerance, seed);
    }

    @Override
    public KMeansModel fit(Tensor x) {
        String op = "KMeans.fit";
        Inputs.requireMatrix(op, x);
        Inputs.requireAtMostSamples(op, "k", k, x.size(0));
        Lloyd lloyd = Lloyd.of(x, tolerance, maxIterations);
        Generator gen = new Generator(seed);
        Lloyd.Run best = null;
        for (int r = 0; r < restarts; r++) {
            Lloyd.Run run = lloyd.run(Seeding.centroids(init, lloyd.data(), lloyd.rowNorms(), k, gen));
            if (best == null || run.model().inertia() < best.model().inertia()) {
                best = run;
            }
        }
        return checked(op, best);
    }

    /**
     * One run of Lloyd's iterations from the given centroids (scikit-learn's {@code init=array, n_init=1}):
     * the same start gives the same clusters on every backend and in scikit-learn.
     *
     * @param initialCentroids {@code [k, d]}, finite
     */
    public KMeansModel fit(Tensor x, Tensor initialCentroids) {
        String op = "KMeans.fit";
        Inputs.requireMatrix(op, x);
        Inputs.requireFeatures(op, initialCentroids, x.size(1));
        if (initialCentroids.size(0) != k) {
            throw new IllegalArgumentException(op + ": expected " + k + " initial centroids, got shape "
                    + initialCentroids.shape());
        }
        Inputs.requireAtMostSamples(op, "k", k, x.size(0));
        Lloyd lloyd = Lloyd.of(x, tolerance, maxIterations);
        return checked(op, lloyd.run(lloyd.toWorkingUnits(initialCentroids.to(x.device()).to(x.dtype()))));
    }

    private KMeansModel checked(String op, Lloyd.Run run) {
        KMeansModel model = run.model();
        if (!model.converged()) {
            ConvergenceWarning.warn(op, "the best run stopped after " + model.iterations()
                    + " iterations; raise maxIterations or tolerance");
        }
        if (run.distinctClusters() < k) {
            ConvergenceWarning.warn(op, "number of distinct clusters (" + run.distinctClusters()
                    + ") found smaller than k (" + k + "); possibly due to duplicate points in X");
        }
        return model;
    }
}
