package dev.nabla.ml.cluster;

import dev.nabla.Tensor;
import dev.nabla.ml.RowBlocks;
import dev.nabla.ml.linalg.Centered;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Lloyd's iterations over one data set, with scikit-learn's stopping rules. Each iteration makes
 * one GEMM per block of {@link RowBlocks#ROWS} rows on the tensors' device, the scores
 * {@code -2x·cᵀ} against the k centroids; the rest is cheap and sequential per row, so it runs on the
 * host over a copy of the rows made once per fit: adding {@code ‖c‖²}, the arg-minimum (the row's
 * own {@code ‖x‖²} does not change it), and the scatter-add of each row into its cluster's sum, in
 * fixed chunks of rows whose partial sums are added in order (so the result does not depend on the
 * thread count). Memory beyond X: a centred copy and its host copy, a block's {@code [8192, k]}
 * scores, the labels and distances ({@code n} each).
 *
 * <p>As scikit-learn does, the iterations run on the data minus its column means: the expansion
 * {@code ‖x‖² - 2x·c + ‖c‖²} cancels catastrophically when the rows sit far from the origin relative
 * to their spread. Centred data whose squares would still overflow (a spread near 1e160 in float64)
 * is also divided by a power of two, which is exact; centroids and inertia are mapped back at the end.
 */
final class Lloyd {

    /** Rows per partial sum of the host scatter-add. */
    private static final int CHUNK = 16384;

    private final Tensor x;
    private final Tensor offset;
    private final double[] rows;
    private final int d;
    private final double scale;
    private final double[] rowNorms;
    private final double tolerance;
    private final int maxIterations;

    private Lloyd(Tensor x, Tensor offset, double scale, double[] rows, double[] rowNorms, double tolerance,
            int maxIterations) {
        this.x = x;
        this.offset = offset;
        this.scale = scale;
        this.rows = rows;
        this.d = x.size(1);
        this.rowNorms = rowNorms;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /**
     * Prepares the data: centring, the host copy and the row norms, and the absolute tolerance
     * {@code relativeTolerance × mean column variance} (scikit-learn's rule). Overflow shows as an infinite
     * row norm; only then are the rows divided by a power of two and the norms computed again.
     */
    static Lloyd of(Tensor x, double relativeTolerance, int maxIterations) {
        Tensor mean = Centered.mean(x);
        Tensor centred = x.sub(mean);
        double[] rows = centred.toDoubleArray();
        int n = x.size(0);
        int d = x.size(1);
        double[] norms = rowNorms(rows, n, d);
        double scale = 1;
        if (!Arrays.stream(norms).allMatch(Double::isFinite)) {
            scale = Centered.overflowScale(centred, d);
            centred = centred.div(scale);
            for (int i = 0; i < rows.length; i++) {
                rows[i] /= scale;
            }
            norms = rowNorms(rows, n, d);
        }
        // the columns are centred, so their mean variance is the mean square of the rows' entries
        double tolerance = relativeTolerance * Arrays.stream(norms).sum() / ((double) n * d);
        return new Lloyd(centred, mean, scale, rows, norms, tolerance, maxIterations);
    }

    private static double[] rowNorms(double[] rows, int n, int d) {
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                norms[i] += rows[i * d + j] * rows[i * d + j];
            }
        }
        return norms;
    }

    /** The data the iterations run on: centred, and divided by the scale when it had to be. */
    Tensor data() {
        return x;
    }

    /** Each working row's squared norm {@code ‖x‖²}. */
    double[] rowNorms() {
        return rowNorms;
    }

    /** Centroids given in the caller's units, in the iterations' units. */
    Tensor toWorkingUnits(Tensor centroids) {
        Tensor centred = centroids.sub(offset);
        return scale == 1 ? centred : centred.div(scale);
    }

    /**
     * One assignment pass: each row's nearest centroid and squared distance to it.
     *
     * @param labels the nearest centroid of each row
     * @param distances each row's squared distance to it
     */
    private record Assignment(int[] labels, double[] distances) {
    }

    private Assignment assign(double[] centroids, int k) {
        double[] norms = new double[k];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                norms[c] += centroids[c * d + j] * centroids[c * d + j];
            }
        }
        Tensor weights = Tensor.of(centroids, k, d).to(x.device()).to(x.dtype()).t().mul(-2);
        int[] labels = new int[rowNorms.length];
        double[] distances = new double[rowNorms.length];
        RowBlocks.forEach(x, b -> {
            double[] scores = b.rows().matmul(weights).toDoubleArray();
            IntStream.range(0, b.length()).parallel().forEach(r -> {
                int best = 0;
                double bestScore = scores[r * k] + norms[0];
                for (int c = 1; c < k; c++) {
                    double s = scores[r * k + c] + norms[c];
                    if (s < bestScore) {
                        bestScore = s;
                        best = c;
                    }
                }
                labels[b.start() + r] = best;
                distances[b.start() + r] = Math.max(rowNorms[b.start() + r] + bestScore, 0);
            });
        });
        return new Assignment(labels, distances);
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
        int k = start.size(0);
        double[] centroids = start.toDoubleArray();
        int[] previousLabels = null;
        boolean converged = false;
        int iterations = maxIterations;
        for (int it = 1; it <= maxIterations; it++) {
            Assignment a = assign(centroids, k);
            double[] next = means(a, k, centroids);
            double shift = 0;
            for (int i = 0; i < next.length; i++) {
                shift += (next[i] - centroids[i]) * (next[i] - centroids[i]);
            }
            centroids = next;
            if (Arrays.equals(a.labels(), previousLabels) || shift <= tolerance) {
                converged = true;
                iterations = it;
                break;
            }
            previousLabels = a.labels();
        }
        Assignment last = assign(centroids, k);
        double inertia = Arrays.stream(last.distances()).sum() * scale * scale;
        int distinct = (int) Arrays.stream(last.labels()).distinct().count();
        Tensor result = Tensor.of(centroids, k, d).to(x.device()).to(x.dtype());
        return new Run(new KMeansModel((scale == 1 ? result : result.mul(scale)).add(offset), inertia, iterations,
                converged), distinct);
    }

    /**
     * The clusters' means by a scatter-add of the rows. As scikit-learn does, each empty cluster takes
     * the row farthest from its own centroid (the farthest first), which leaves the cluster it came from.
     */
    private double[] means(Assignment a, int k, double[] old) {
        int n = rowNorms.length;
        int chunks = (n + CHUNK - 1) / CHUNK;
        double[][] partialSums = new double[chunks][];
        double[][] partialCounts = new double[chunks][];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            double[] sums = new double[k * d];
            double[] counts = new double[k];
            for (int i = c * CHUNK, end = Math.min(n, i + CHUNK); i < end; i++) {
                int label = a.labels()[i];
                counts[label]++;
                for (int j = 0; j < d; j++) {
                    sums[label * d + j] += rows[i * d + j];
                }
            }
            partialSums[c] = sums;
            partialCounts[c] = counts;
        });
        double[] sums = new double[k * d];
        double[] counts = new double[k];
        for (int c = 0; c < chunks; c++) {
            for (int i = 0; i < sums.length; i++) {
                sums[i] += partialSums[c][i];
            }
            for (int i = 0; i < k; i++) {
                counts[i] += partialCounts[c][i];
            }
        }
        relocateEmpty(a, sums, counts);
        double[] next = new double[k * d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                next[c * d + j] = counts[c] > 0 ? sums[c * d + j] / counts[c] : old[c * d + j];
            }
        }
        return next;
    }

    private void relocateEmpty(Assignment a, double[] sums, double[] counts) {
        int[] empty = IntStream.range(0, counts.length).filter(c -> counts[c] == 0).toArray();
        if (empty.length == 0) {
            return;
        }
        double[] distances = a.distances();
        int[] farthest = IntStream.range(0, distances.length).boxed()
                .sorted((i, j) -> Double.compare(distances[j], distances[i])).limit(empty.length)
                .mapToInt(Integer::intValue).toArray();
        for (int e = 0; e < farthest.length; e++) {
            int row = farthest[e];
            int from = a.labels()[row];
            for (int j = 0; j < d; j++) {
                sums[from * d + j] -= rows[row * d + j];
                sums[empty[e] * d + j] = rows[row * d + j];
            }
            counts[from]--;
            counts[empty[e]] = 1;
        }
    }
}
