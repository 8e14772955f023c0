package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Tensor;
import dev.nabla.ml.metrics.ClassificationMetrics;
import dev.nabla.ml.metrics.ClusteringMetrics;
import dev.nabla.ml.metrics.ConfusionMatrix;
import dev.nabla.ml.metrics.PrecisionRecallCurve;
import dev.nabla.ml.metrics.RegressionMetrics;
import dev.nabla.ml.metrics.RocCurve;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final Tensor TRUTH = Data.labels(1, 1, 1, 1, 0, 0, 0, 0, 0, 2);
    private static final Tensor PRED = Data.labels(1, 1, 0, 1, 0, 1, 0, 0, 2, 2);

    @Test
    void confusionMatrixMatchesHandCount() {
        ConfusionMatrix cm = ConfusionMatrix.of(TRUTH, PRED);
        assertArrayEquals(new long[] {0, 1, 2}, cm.labels());
        // rows: truth 0 (5 rows: predicted 0,1,0,0,2), truth 1 (4 rows: 1,1,0,1), truth 2 (1 row: 2)
        assertArrayEquals(new long[][] {{3, 1, 1}, {1, 3, 0}, {0, 0, 1}}, cm.counts());
        assertEquals(3, cm.truePositives(1));
        assertEquals(1, cm.falsePositives(1));
        assertEquals(1, cm.falseNegatives(1));
    }

    @Test
    void scoresFromTheHandCountedMatrix() {
        assertEquals(7.0 / 10, ClassificationMetrics.accuracy(TRUTH, PRED), 1e-15);
        assertEquals(3.0 / 4, ClassificationMetrics.precision(TRUTH, PRED, 1), 1e-15);
        assertEquals(3.0 / 4, ClassificationMetrics.recall(TRUTH, PRED, 1), 1e-15);
        assertEquals(3.0 / 4, ClassificationMetrics.f1(TRUTH, PRED, 1), 1e-15);
        // class 2: TP 1, FP 1, FN 0 -> precision 1/2, recall 1, F1 2/3
        assertEquals(0.5, ClassificationMetrics.precision(TRUTH, PRED, 2), 1e-15);
        assertEquals(1.0, ClassificationMetrics.recall(TRUTH, PRED, 2), 1e-15);
        assertEquals(2.0 / 3, ClassificationMetrics.f1(TRUTH, PRED, 2), 1e-15);
        // class 0: TP 3, FP 1, FN 2 -> F1 6/9
        assertEquals((6.0 / 9 + 3.0 / 4 + 2.0 / 3) / 3, ClassificationMetrics.macroF1(TRUTH, PRED), 1e-15);
        assertEquals(0, ClassificationMetrics.precision(TRUTH, PRED, 5));
        assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.accuracy(TRUTH, Data.labels(1, 2)));
    }

    @Test
    void rocCurveAndAucMatchHandComputation() {
        // scores descending: 0.9(P) 0.8(N) 0.7(P) 0.6(P) 0.55(N) 0.4(N) 0.3(P) 0.2(N)
        Tensor y = Data.labels(1, 0, 1, 1, 0, 0, 1, 0);
        Tensor s = Data.vector(0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.2);
        RocCurve roc = RocCurve.of(y, s, 1);
        assertArrayEquals(new double[] {0, 0, .25, .25, .25, .5, .75, .75, 1}, roc.falsePositiveRates(), 1e-15);
        assertArrayEquals(new double[] {0, .25, .25, .5, .75, .75, .75, 1, 1}, roc.truePositiveRates(), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, roc.thresholds()[0]);
        // pairs (positive, negative) ranked correctly: 0.9 beats 4, 0.7 beats 3, 0.6 beats 3, 0.3 beats 1 -> 11/16
        assertEquals(11.0 / 16, roc.auc(), 1e-15);
    }

    @Test
    void tiedScoresCountHalf() {
        RocCurve roc = RocCurve.of(Data.labels(1, 0, 1, 0), Data.vector(0.5, 0.5, 0.9, 0.1), 1);
        // pairs: (0.9 vs 0.5) 1, (0.9 vs 0.1) 1, (0.5 vs 0.5) 1/2, (0.5 vs 0.1) 1 -> 3.5/4
        assertEquals(3.5 / 4, roc.auc(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> RocCurve.of(Data.labels(1, 1), Data.vector(0.1, 0.2), 1));
    }

    @Test
    void precisionRecallCurveMatchesHandComputation() {
        Tensor y = Data.labels(1, 0, 1, 1, 0);
        Tensor s = Data.vector(0.9, 0.8, 0.7, 0.6, 0.1);
        PrecisionRecallCurve pr = PrecisionRecallCurve.of(y, s, 1);
        assertArrayEquals(new double[] {1, .5, 2.0 / 3, .75, .6}, pr.precisions(), 1e-15);
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 2.0 / 3, 1, 1}, pr.recalls(), 1e-15);
        assertEquals(1.0 / 3 * 1 + 1.0 / 3 * 2.0 / 3 + 1.0 / 3 * 0.75, pr.averagePrecision(), 1e-15);
    }

    @Test
    void regressionMetrics() {
        Tensor y = Data.vector(1, 2, 3, 4);
        Tensor p = Data.vector(1.5, 2, 2, 4);
        assertEquals((0.25 + 0 + 1 + 0) / 4, RegressionMetrics.mse(y, p), 1e-15);
        // SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5
        assertEquals(1 - 1.25 / 5, RegressionMetrics.r2(y, p), 1e-15);
        assertEquals(1, RegressionMetrics.r2(y, y));
    }


    @Test
    void regressionMetricsRejectNaN() {
        // regression: r2 with a NaN prediction returned NaN; scikit-learn raises
        Tensor truth = Data.vector(1, 2, 3);
        Tensor withNan = Data.vector(1, Double.NaN, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> RegressionMetrics.r2(truth, withNan));
        assertTrue(e.getMessage().contains("r2") && e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RegressionMetrics.mse(withNan, truth));
        assertThrows(IllegalArgumentException.class, () -> RegressionMetrics.r2(truth, Data.vector(1, 2,
                Double.POSITIVE_INFINITY)));
    }

    @Test
    void clusteringMetricsMatchScikitLearn() {
        com.fasterxml.jackson.databind.JsonNode small = Fixtures.json("sklearn_small.json");
        Tensor truth = Tensor.of(toLongs(small.get("ari_truth")), small.get("ari_truth").size());
        Tensor pred = Tensor.of(toLongs(small.get("ari_pred")), small.get("ari_pred").size());
        assertEquals(small.get("ari").asDouble(), ClusteringMetrics.adjustedRandIndex(truth, pred), 1e-12);
        // identical partitions under other label values, and the same partition with the roles swapped
        assertEquals(1.0, ClusteringMetrics.adjustedRandIndex(truth, truth.mul(7).add(3)), 1e-15);
        assertEquals(ClusteringMetrics.adjustedRandIndex(truth, pred), ClusteringMetrics.adjustedRandIndex(pred, truth),
                1e-15);
        double[] points = Fixtures.matrix(small.get("points"));
        Tensor x = Tensor.of(points, points.length / 2, 2);
        Tensor labels = Tensor.of(toLongs(small.get("labels")), small.get("labels").size());
        // distances come from ‖a‖² + ‖b‖² - 2a·b, as in scikit-learn, but rounded in another order
        assertEquals(small.get("silhouette").asDouble(), ClusteringMetrics.silhouetteScore(x, labels), 1e-9);
        var e = assertThrows(IllegalArgumentException.class,
                () -> ClusteringMetrics.silhouetteScore(x, Tensor.zeros(dev.nabla.DType.INT64, dev.nabla.Device.CPU, 10)));
        assertTrue(e.getMessage().contains("valid values are 2 to"), e.getMessage());
    }

    private static long[] toLongs(com.fasterxml.jackson.databind.JsonNode values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asLong();
        }
        return out;
    }
}
