package dev.nabla.ml.metrics;

import dev.nabla.Tensor;

/**
 * Precision and recall as the threshold decreases over the distinct scores.
 *
 * @param precisions precision when predicting positive for scores {@code >= thresholds[i]}
 * @param recalls recall at the same thresholds (non-decreasing)
 * @param thresholds the distinct scores, descending
 */
public record PrecisionRecallCurve(double[] precisions, double[] recalls, double[] thresholds) {

    /** The precision-recall curve of {@code scores} against {@code yTrue}, {@code positive} being the positive label. */
    public static PrecisionRecallCurve of(Tensor yTrue, Tensor scores, long positive) {
        ScoreRanking r = ScoreRanking.of("PrecisionRecallCurve", yTrue, scores, positive);
        int m = r.thresholds().length;
        double[] p = new double[m];
        double[] rec = new double[m];
        for (int i = 0; i < m; i++) {
            p[i] = (double) r.truePositives()[i] / (r.truePositives()[i] + r.falsePositives()[i]);
            rec[i] = (double) r.truePositives()[i] / r.positives();
        }
        return new PrecisionRecallCurve(p, rec, r.thresholds().clone());
    }

    /** Average precision: the sum of {@code (R_i - R_{i-1}) · P_i}, starting from recall 0. */
    public double averagePrecision() {
        double ap = 0;
        double previous = 0;
        for (int i = 0; i < recalls.length; i++) {
            ap += (recalls[i] - previous) * precisions[i];
            previous = recalls[i];
        }
        return ap;
    }
}
