package dev.nabla.ml.metrics;

import dev.nabla.Tensor;
import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * Counts of (true label, predicted label) pairs.
 *
 * @param labels every label seen in either vector, ascending
 * @param counts {@code counts[i][j]}: rows with true label {@code labels[i]} predicted as {@code labels[j]}
 */
public record ConfusionMatrix(long[] labels, long[][] counts) {

    /** Tallies the pairs of {@code yTrue} and {@code yPred} (equal-length label vectors). */
    public static ConfusionMatrix of(Tensor yTrue, Tensor yPred) {
        LabelPairs.requireSameLength("confusionMatrix", yTrue, yPred);
        long[] t = LabelPairs.labels("confusionMatrix", yTrue);
        long[] p = LabelPairs.labels("confusionMatrix", yPred);
        long[] labels = LongStream.concat(Arrays.stream(t), Arrays.stream(p)).distinct().sorted().toArray();
        long[][] counts = new long[labels.length][labels.length];
        for (int i = 0; i < t.length; i++) {
            counts[Arrays.binarySearch(labels, t[i])][Arrays.binarySearch(labels, p[i])]++;
        }
        return new ConfusionMatrix(labels, counts);
    }

    /** The count of rows with true label {@code truth} predicted as {@code predicted} (0 for unseen labels). */
    public long count(long truth, long predicted) {
        int i = Arrays.binarySearch(labels, truth);
        int j = Arrays.binarySearch(labels, predicted);
        return i < 0 || j < 0 ? 0 : counts[i][j];
    }

    /** Rows predicted as {@code positive} that truly are. */
    public long truePositives(long positive) {
        return count(positive, positive);
    }

    /** Rows predicted as {@code positive} that are not. */
    public long falsePositives(long positive) {
        return column(positive) - truePositives(positive);
    }

    /** Rows truly {@code positive} predicted as something else. */
    public long falseNegatives(long positive) {
        return row(positive) - truePositives(positive);
    }

    private long row(long label) {
        int i = Arrays.binarySearch(labels, label);
        return i < 0 ? 0 : Arrays.stream(counts[i]).sum();
    }

    private long column(long label) {
        int j = Arrays.binarySearch(labels, label);
        return j < 0 ? 0 : Arrays.stream(counts).mapToLong(r -> r[j]).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix c && Arrays.equals(labels, c.labels) && Arrays.deepEquals(counts, c.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(labels) + Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + Arrays.toString(labels) + Arrays.deepToString(counts);
    }
}
