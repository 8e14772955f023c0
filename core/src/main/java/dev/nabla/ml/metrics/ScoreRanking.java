package dev.nabla.ml.metrics;

import dev.nabla.Tensor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Cumulative true/false positive counts when the decision threshold sweeps the distinct scores
 * from the highest down; tied scores enter together. Shared by the ROC and PR curves.
 *
 * @param thresholds distinct scores, descending
 * @param truePositives positives with score {@code >= thresholds[i]}
 * @param falsePositives negatives with score {@code >= thresholds[i]}
 * @param positives all positives
 * @param negatives all negatives
 */
record ScoreRanking(double[] thresholds, long[] truePositives, long[] falsePositives, long positives, long negatives) {

    static ScoreRanking of(String op, Tensor yTrue, Tensor scores, long positive) {
        LabelPairs.requireSameLength(op, yTrue, scores);
        long[] labels = LabelPairs.labels(op, yTrue);
        double[] s = scores.toDoubleArray();
        for (int i = 0; i < s.length; i++) {
            if (!Double.isFinite(s[i])) {
                throw new IllegalArgumentException(op + ": score " + s[i] + " at index " + i + " is not finite");
            }
        }
        Integer[] order = IntStream.range(0, s.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> -s[i]));
        double[] th = new double[s.length];
        long[] tp = new long[s.length];
        long[] fp = new long[s.length];
        int m = 0;
        long tpRun = 0;
        long fpRun = 0;
        for (int r = 0; r < order.length; r++) {
            int i = order[r];
            if (labels[i] == positive) {
                tpRun++;
            } else {
                fpRun++;
            }
            boolean lastOfTie = r + 1 == order.length || s[order[r + 1]] != s[i];
            if (lastOfTie) {
                th[m] = s[i];
                tp[m] = tpRun;
                fp[m] = fpRun;
                m++;
            }
        }
        if (tpRun == 0 || fpRun == 0) {
            throw new IllegalArgumentException(op + ": y needs both positive (label " + positive + ") and negative rows, got "
                    + tpRun + " positive and " + fpRun + " negative");
        }
        return new ScoreRanking(Arrays.copyOf(th, m), Arrays.copyOf(tp, m), Arrays.copyOf(fp, m), tpRun, fpRun);
    }
}
