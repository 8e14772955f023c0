package dev.nabla.ml.metrics;

import dev.nabla.Tensor;

/**
 * The receiver operating characteristic: false/true positive rates as the threshold decreases.
 *
 * @param falsePositiveRates FPR at each threshold, starting at 0 (threshold +infinity)
 * @param truePositiveRates TPR at each threshold, starting at 0
 * @param thresholds the thresholds, {@code +infinity} first, then the distinct scores descending
 */
public record RocCurve(double[] falsePositiveRates, double[] truePositiveRates, double[] thresholds) {

    /**
     * The ROC curve of {@code scores} (higher means more likely positive) against {@code yTrue}.
     *
     * @param positive the label counted as positive; every other label is negative
     */
    public static RocCurve of(Tensor yTrue, Tensor scores, long positive) {
        ScoreRanking r = ScoreRanking.of("RocCurve", yTrue, scores, positive);
        int m = r.thresholds().length;
        double[] fpr = new double[m + 1];
        double[] tpr = new double[m + 1];
        double[] th = new double[m + 1];
        th[0] = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            fpr[i + 1] = (double) r.falsePositives()[i] / r.negatives();
            tpr[i + 1] = (double) r.truePositives()[i] / r.positives();
            th[i + 1] = r.thresholds()[i];
        }
        return new RocCurve(fpr, tpr, th);
    }

    /** The area under the curve by the trapezoidal rule (ties count one half, as in the Mann-Whitney statistic). */
    public double auc() {
        double area = 0;
        for (int i = 1; i < falsePositiveRates.length; i++) {
            area += (falsePositiveRates[i] - falsePositiveRates[i - 1])
                    * (truePositiveRates[i] + truePositiveRates[i - 1]) / 2;
        }
        return area;
    }
}
