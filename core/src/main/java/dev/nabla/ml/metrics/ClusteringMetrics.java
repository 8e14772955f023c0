package dev.nabla.ml.metrics;

import dev.nabla.Tensor;
import dev.nabla.ml.Distances;
import dev.nabla.ml.Inputs;
import java.util.Arrays;

/** Scores of a clustering: agreement with reference labels (adjusted Rand index) and cohesion against separation (silhouette). */
public final class ClusteringMetrics {

    /** Rows of the distance block the silhouette computes at a time ({@code block × n} distances). */
    private static final int SILHOUETTE_ROWS = 1024;

    private ClusteringMetrics() {
    }

    /**
     * The adjusted Rand index of two labellings of the same rows: the Rand index (the share of row pairs
     * both labellings put together or both keep apart) corrected for chance, 1 for identical partitions
     * (whatever the label values), about 0 for independent ones, negative for worse than chance. Computed
     * as scikit-learn does, from the pair confusion matrix of the contingency table.
     */
    public static double adjustedRandIndex(Tensor labelsTrue, Tensor labelsPred) {
        ConfusionMatrix cm = ConfusionMatrix.of(labelsTrue, labelsPred);
        long[][] c = cm.counts();
        double n = 0;
        double squares = 0;
        double[] rows = new double[c.length];
        double[] cols = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c.length; j++) {
                n += c[i][j];
                squares += (double) c[i][j] * c[i][j];
                rows[i] += c[i][j];
                cols[j] += c[i][j];
            }
        }
        double together = squares - n;
        double splitByPred = Arrays.stream(rows).map(v -> v * v).sum() - squares;
        double splitByTrue = Arrays.stream(cols).map(v -> v * v).sum() - squares;
        double apart = n * n - splitByPred - splitByTrue - squares;
        if (splitByPred == 0 && splitByTrue == 0) {
            return 1.0;
        }
        return 2.0 * (together * apart - splitByPred * splitByTrue)
                / ((together + splitByPred) * (splitByPred + apart) + (together + splitByTrue) * (splitByTrue + apart));
    }

    /**
     * The mean silhouette coefficient {@code (b - a) / max(a, b)} over the rows, with {@code a} a row's mean
     * Euclidean distance to the other rows of its cluster and {@code b} its smallest mean distance to
     * another cluster; a row alone in its cluster scores 0 (scikit-learn's conventions). Distances are
     * computed for blocks of rows against all rows and summed per cluster with a one-hot matrix product,
     * so memory is {@code 1024 × n} distances.
     *
     * @param x the rows {@code [n, d]}
     * @param labels the cluster of each row (integers); between 2 and n - 1 distinct clusters
     */
    public static double silhouetteScore(Tensor x, Tensor labels) {
        String op = "silhouetteScore";
        Inputs.requireMatrix(op, x);
        int n = x.size(0);
        long[] values = LabelPairs.labels(op, labels);
        if (values.length != n) {
            throw new IllegalArgumentException(op + ": X has " + n + " rows but labels has " + values.length);
        }
        long[] distinct = Arrays.stream(values).distinct().sorted().toArray();
        if (distinct.length < 2 || distinct.length > n - 1) {
            throw new IllegalArgumentException(op + ": the number of clusters is " + distinct.length
                    + "; valid values are 2 to n - 1 = " + (n - 1) + " (inclusive)");
        }
        int k = distinct.length;
        long[] index = new long[n];
        double[] sizes = new double[k];
        for (int i = 0; i < n; i++) {
            index[i] = Arrays.binarySearch(distinct, values[i]);
            sizes[(int) index[i]]++;
        }
        Tensor oneHot = Tensor.of(index, n).to(x.device()).oneHot(k).to(x.dtype());
        double total = 0;
        for (int start = 0; start < n; start += SILHOUETTE_ROWS) {
            int rows = Math.min(SILHOUETTE_ROWS, n - start);
            double[] sums = Distances.squaredEuclidean(x.narrow(0, start, rows), x).sqrt().matmul(oneHot)
                    .toDoubleArray();
            for (int r = 0; r < rows; r++) {
                int own = (int) index[start + r];
                if (sizes[own] == 1) {
                    continue;
                }
                double a = sums[r * k + own] / (sizes[own] - 1);
                double b = Double.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    if (c != own) {
                        b = Math.min(b, sums[r * k + c] / sizes[c]);
                    }
                }
                total += (b - a) / Math.max(a, b);
            }
        }
        return total / n;
    }
}
