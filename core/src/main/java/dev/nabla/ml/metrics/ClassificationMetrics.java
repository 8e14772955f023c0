package dev.nabla.ml.metrics;

import dev.nabla.Tensor;

/** Accuracy, precision, recall and F1 of predicted labels. A ratio with a zero denominator is 0. */
public final class ClassificationMetrics {

    private ClassificationMetrics() {
    }

    /** The fraction of positions where {@code yPred} equals {@code yTrue}. */
    public static double accuracy(Tensor yTrue, Tensor yPred) {
        ConfusionMatrix cm = ConfusionMatrix.of(yTrue, yPred);
        long correct = 0;
        long total = 0;
        for (int i = 0; i < cm.labels().length; i++) {
            for (int j = 0; j < cm.labels().length; j++) {
                total += cm.counts()[i][j];
                correct += i == j ? cm.counts()[i][j] : 0;
            }
        }
        return (double) correct / total;
    }

    /** TP / (TP + FP) for the class {@code positive}. */
    public static double precision(Tensor yTrue, Tensor yPred, long positive) {
        ConfusionMatrix cm = ConfusionMatrix.of(yTrue, yPred);
        return ratio(cm.truePositives(positive), cm.truePositives(positive) + cm.falsePositives(positive));
    }

    /** TP / (TP + FN) for the class {@code positive}. */
    public static double recall(Tensor yTrue, Tensor yPred, long positive) {
        ConfusionMatrix cm = ConfusionMatrix.of(yTrue, yPred);
        return ratio(cm.truePositives(positive), cm.truePositives(positive) + cm.falseNegatives(positive));
    }

    /** The harmonic mean of precision and recall for the class {@code positive}: 2TP / (2TP + FP + FN). */
    public static double f1(Tensor yTrue, Tensor yPred, long positive) {
        ConfusionMatrix cm = ConfusionMatrix.of(yTrue, yPred);
        long tp = cm.truePositives(positive);
        return ratio(2 * tp, 2 * tp + cm.falsePositives(positive) + cm.falseNegatives(positive));
    }

    /** The unweighted mean over all labels of the per-label F1. */
    public static double macroF1(Tensor yTrue, Tensor yPred) {
        ConfusionMatrix cm = ConfusionMatrix.of(yTrue, yPred);
        double sum = 0;
        for (long label : cm.labels()) {
            long tp = cm.truePositives(label);
            sum += ratio(2 * tp, 2 * tp + cm.falsePositives(label) + cm.falseNegatives(label));
        }
        return sum / cm.labels().length;
    }

    private static double ratio(long num, long den) {
        return den == 0 ? 0 : (double) num / den;
    }
}
