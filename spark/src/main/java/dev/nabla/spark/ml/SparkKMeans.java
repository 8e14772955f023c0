package dev.nabla.spark.ml;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.ml.cluster.KMeans;
import dev.nabla.ml.cluster.KMeansInit;
import dev.nabla.ml.cluster.KMeansModel;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * k-means on a Spark data set: k-means++ (with restarts, by the single-machine {@link KMeans}) on a
 * seeded sample of at most {@code sampleSize} rows gives the starting centroids, then Lloyd's
 * iterations run on all rows, one Spark job each: the centroids are broadcast, each block sums its
 * rows per nearest centroid, and the driver moves every centroid to its rows' mean (an empty cluster
 * keeps its centroid). Returns the same {@link KMeansModel} as {@link KMeans}.
 *
 * @param k the number of clusters
 * @param maxIterations Lloyd iterations at most
 * @param tolerance stop when the centroids' total squared shift is at most this times the data's mean column
 *     variance (scikit-learn's rule, as {@link KMeans})
 * @param sampleSize rows drawn for the seeding
 * @param restarts k-means++ restarts on the sample (the best by inertia is kept)
 * @param seed the seed of the sample and the seeding
 */
public record SparkKMeans(int k, int maxIterations, double tolerance, int sampleSize, int restarts, long seed) {

    /** Validates the settings. */
    public SparkKMeans {
        if (k < 1 || maxIterations < 1 || !(tolerance >= 0) || sampleSize < k || restarts < 1) {
            throw new IllegalArgumentException("SparkKMeans: need k >= 1, maxIterations >= 1, tolerance >= 0, sampleSize >= k"
                    + " and restarts >= 1, got k=" + k + " maxIterations=" + maxIterations + " tolerance=" + tolerance
                    + " sampleSize=" + sampleSize + " restarts=" + restarts);
        }
    }

    /** {@code k} clusters: 300 iterations, tolerance 1e-4 and 10 restarts (as {@link KMeans#of}), a 10,000-row sample. */
    public static SparkKMeans of(int k, long seed) {
        return new SparkKMeans(k, 300, 1e-4, 10_000, 10, seed);
    }

    /** Clusters {@code rows}. */
    public KMeansModel fit(JavaRDD<double[]> rows) {
        try (Blocks data = Blocks.of(rows, "SparkKMeans.fit")) {
            return fit(data);
        }
    }

    /** Clusters cached blocks (also the start of a Gaussian mixture). */
    KMeansModel fit(Blocks data) {
        if (k > data.rows()) {
            throw new IllegalArgumentException("SparkKMeans.fit: k = " + k + " is larger than the " + data.rows() + " rows");
        }
        Tensor sample = data.sample((int) Math.min(data.rows(), sampleSize), seed);
        Tensor c = new KMeans(k, KMeansInit.KMEANS_PLUS_PLUS, restarts, maxIterations, tolerance, seed).fit(sample).centroids();
        int d = data.cols();
        double threshold = tolerance * meanVariance(data);
        for (int it = 1; it <= maxIterations; it++) {
            double[] stats = lloydStatistics(data, c);
            Tensor counts = Tensor.of(java.util.Arrays.copyOfRange(stats, 0, k), k).to(Device.CPU).unsqueeze(1);
            Tensor sums = Tensor.of(java.util.Arrays.copyOfRange(stats, k, k + k * d), k, d).to(Device.CPU);
            Tensor next = Tensor.where(counts.eq(0), c, sums.div(counts.maximum(Tensor.onesLike(counts))));
            double shift = next.sub(c).pow(2).sum().item();
            c = next;
            if (shift <= threshold) {
                return new KMeansModel(c, inertia(data, c), it, true);
            }
        }
        return new KMeansModel(c, inertia(data, c), maxIterations, false);
    }

    /** The mean over columns of the columns' variances: the scale the tolerance is relative to (one Spark job). */
    private static double meanVariance(Blocks data) {
        int d = data.cols();
        double[] sums = data.sum(2 * d, b -> {
            Tensor x = b.features();
            double[] out = new double[2 * d];
            System.arraycopy(x.sum(new int[] {0}, false).toDoubleArray(), 0, out, 0, d);
            System.arraycopy(x.mul(x).sum(new int[] {0}, false).toDoubleArray(), 0, out, d, d);
            return out;
        });
        double n = data.rows();
        double total = 0;
        for (int j = 0; j < d; j++) {
            double mean = sums[j] / n;
            total += Math.max(sums[d + j] / n - mean * mean, 0);
        }
        return total / d;
    }

    /** Per cluster: the row count, the row sums; then the inertia, all for the centroids {@code c}. */
    private double[] lloydStatistics(Blocks data, Tensor c) {
        int d = data.cols();
        int clusters = k;
        Broadcast<double[]> centroids = data.broadcast(c.toDoubleArray());
        double[] out = data.sum(clusters + clusters * d + 1, b -> {
            Tensor x = b.features();
            Tensor d2 = centroidsModel(centroids.value(), clusters, d).transform(x);
            Tensor r = d2.argmin(1, false).oneHot(clusters).to(DType.FLOAT64);
            double[] counts = r.sum(new int[] {0}, false).toDoubleArray();
            double[] sums = r.t().matmul(x).toDoubleArray();
            double[] all = new double[clusters + clusters * d + 1];
            System.arraycopy(counts, 0, all, 0, clusters);
            System.arraycopy(sums, 0, all, clusters, clusters * d);
            all[all.length - 1] = d2.min(new int[] {1}, false).sum().item();
            return all;
        });
        centroids.destroy();
        return out;
    }

    private double inertia(Blocks data, Tensor c) {
        int d = data.cols();
        int clusters = k;
        Broadcast<double[]> centroids = data.broadcast(c.toDoubleArray());
        double total = data.sum(1, b -> new double[] {centroidsModel(centroids.value(), clusters, d).inertia(b.features())})[0];
        centroids.destroy();
        return total;
    }

    /** A model holding broadcast centroids, for its distances. */
    static KMeansModel centroidsModel(double[] centroids, int k, int d) {
        return new KMeansModel(Tensor.of(centroids, k, d).to(Device.CPU), 0, 0, false);
    }
}
