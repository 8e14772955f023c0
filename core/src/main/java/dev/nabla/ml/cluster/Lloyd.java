package dev.nabla.ml.cluster;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.ml.RowBlocks;
import dev.nabla.ml.linalg.Centered;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lloyd's iterations over one data set, as scikit-learn's {@code lloyd} runs them. Each iteration is
 * one pass over the rows in {@link RowBlocks}: per block, the scores {@code ‖c‖² - 2x·cᵀ} (one GEMM;
 * the row's own {@code ‖x‖²} does not change which centroid is nearest), their arg-minimum, and the
 * one-hot assignments' product with the rows (a second GEMM) that sums each cluster's rows. The
 * k × d sums and the counts come to the host, where the new centroids, empty-cluster relocation and
 * the centroid shift are a few hundred flops. Scratch: one block's {@code [8192, k]} scores and
 * one-hot matrix, plus the labels and distances ({@code n} each).
 *
 * <p>Data whose squares would overflow (say values near 1e160 in float64) is divided by a power of
 * two first, which is exact, and the centroids and inertia are scaled back at the end.
 */
final class Lloyd {

    private final Tensor x;
    private final double scale;
    private final Tensor rowNorms;
    private final double tolerance;
    private final int maxIterations;

    private Lloyd(Tensor x, double scale, Tensor rowNorms, double tolerance, int maxIterations) {
        this.x = x;
        this.scale = scale;
        this.rowNorms = rowNorms;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /**
     * Prepares the data: rescaling when needed, the squared row norms, and the absolute tolerance
     * {@code relativeTolerance × mean column variance} (scikit-learn's rule).
     */
    static Lloyd of(Tensor x, double relativeTolerance, int maxIterations) {
        double max = Centered.powerOfTwoScale(x);
        double limit = Math.sqrt((x.dtype() == DType.FLOAT32 ? Float.MAX_VALUE : Double.MAX_VALUE) / (16.0 * x.size(1)));
        double scale = max * 2 > limit || max < 1 / limit ? max : 1;
        Tensor data = scale == 1 ? x : x.div(scale);
        List<Tensor> norms = new ArrayList<>();
        RowBlocks.forEach(data, b -> norms.add(b.rows().mul(b.rows()).sum(new int[] {1}, false)));
        double tolerance = relativeTolerance * Centered.meanVariance(data, Centered.mean(data));
        return new Lloyd(data, scale, Tensor.cat(0, norms.toArray(Tensor[]::new)), tolerance, maxIterations);
    }

    /** The data the iterations run on (divided by the scale when it had to be). */
    Tensor data() {
        return x;
    }

    /** Each working row's squared norm {@code ‖x‖²}, {@code [n]}. */
    Tensor rowNorms() {
        return rowNorms;
    }

    /** Centroids given in the caller's units, in the iterations' units. */
    Tensor toWorkingUnits(Tensor centroids) {
        return scale == 1 ? centroids : centroids.div(scale);
    }

    /**
     * One assignment pass.
     *
     * @param labels the nearest centroid of each row, INT64 {@code [n]}
     * @param distances each row's squared distance to it {@code [n]}
     * @param sums the sum of each cluster's rows {@code [k, d]}, on the host
     * @param counts each cluster's row count
     */
    private record Assignment(Tensor labels, Tensor distances, double[] sums, double[] counts) {
    }

    private Assignment assign(Tensor centroids, boolean withSums) {
        int k = centroids.size(0);
        Tensor weights = centroids.t().mul(-2);
        Tensor centroidNorms = centroids.mul(centroids).sum(new int[] {1}, false);
        List<Tensor> labels = new ArrayList<>();
        List<Tensor> distances = new ArrayList<>();
        Tensor[] sums = {null};
        Tensor[] counts = {null};
        RowBlocks.forEach(x, b -> {
            Tensor scores = b.rows().matmul(weights).add(centroidNorms);
            Tensor nearest = scores.argmin(1, false);
            labels.add(nearest);
            distances.add(scores.min(new int[] {1}, false).add(rowNorms.narrow(0, b.start(), b.length())).relu());
            if (withSums) {
                Tensor oneHot = nearest.oneHot(k).to(x.dtype());
                Tensor s = oneHot.t().matmul(b.rows());
                Tensor c = oneHot.sum(new int[] {0}, false);
                sums[0] = sums[0] == null ? s : sums[0].add(s);
                counts[0] = counts[0] == null ? c : counts[0].add(c);
            }
        });
        return new Assignment(Tensor.cat(0, labels.toArray(Tensor[]::new)), Tensor.cat(0, distances.toArray(Tensor[]::new)),
                withSums ? sums[0].toDoubleArray() : null, withSums ? counts[0].toDoubleArray() : null);
    }

    /**
     * A finished run.
     *
     * @param model the centroids and inertia in the caller's units
     * @param distinctClusters how many clusters have rows at the end
     */
    record Run(KMeansModel model, int distinctClusters) {
    }

    /** Runs Lloyd's iterations from {@code start} (in working units). */
    Run run(Tensor start) {
        Tensor centroids = start.to(x.dtype());
        Tensor previousLabels = null;
        boolean converged = false;
        int iterations = maxIterations;
        for (int it = 1; it <= maxIterations; it++) {
            Assignment a = assign(centroids, true);
            double[] old = centroids.toDoubleArray();
            double[] next = means(a, old);
            double shift = 0;
            for (int i = 0; i < old.length; i++) {
                shift += (next[i] - old[i]) * (next[i] - old[i]);
            }
            centroids = Tensor.of(next, centroids.size(0), centroids.size(1)).to(x.device()).to(x.dtype());
            boolean unchanged = previousLabels != null && a.labels().ne(previousLabels).sum().item() == 0;
            if (unchanged || shift <= tolerance) {
                converged = true;
                iterations = it;
                break;
            }
            previousLabels = a.labels();
        }
        Assignment last = assign(centroids, false);
        double inertia = last.distances().sum().item() * scale * scale;
        int distinct = (int) last.labels().oneHot(centroids.size(0)).sum(new int[] {0}, false).gt(0).sum().item();
        return new Run(new KMeansModel(scale == 1 ? centroids : centroids.mul(scale), inertia, iterations, converged),
                distinct);
    }

    /**
     * The clusters' means. As scikit-learn does, each empty cluster takes the row farthest from its own
     * centroid (the farthest first), which leaves the cluster it came from.
     */
    private double[] means(Assignment a, double[] old) {
        int k = a.counts().length;
        int d = x.size(1);
        double[] sums = a.sums();
        double[] counts = a.counts();
        int[] empty = java.util.stream.IntStream.range(0, k).filter(c -> counts[c] == 0).toArray();
        if (empty.length > 0) {
            double[] distances = a.distances().to(DType.FLOAT64).toDoubleArray();
            long[] labels = a.labels().toLongArray();
            Integer[] order = java.util.stream.IntStream.range(0, distances.length).boxed().toArray(Integer[]::new);
            Arrays.sort(order, (i, j) -> Double.compare(distances[j], distances[i]));
            for (int e = 0; e < empty.length && e < order.length; e++) {
                int row = order[e];
                double[] values = x.select(0, row).toDoubleArray();
                int from = (int) labels[row];
                for (int j = 0; j < d; j++) {
                    sums[from * d + j] -= values[j];
                    sums[empty[e] * d + j] = values[j];
                }
                counts[from]--;
                counts[empty[e]] = 1;
            }
        }
        double[] next = new double[k * d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                next[c * d + j] = counts[c] > 0 ? sums[c * d + j] / counts[c] : old[c * d + j];
            }
        }
        return next;
    }
}
