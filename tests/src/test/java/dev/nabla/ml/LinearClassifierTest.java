package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Tensor;
import dev.nabla.ml.linear.LinearClassifierModel;
import dev.nabla.ml.linear.LinearSvm;
import dev.nabla.ml.linear.Penalty;
import dev.nabla.ml.linear.Perceptron;
import org.junit.jupiter.api.Test;

class LinearClassifierTest {

    private static Tensor[] separable() {
        return Data.blobs(51, new double[][] {{-2, -2}, {2, 2}}, 50, 0.6);
    }

    @Test
    void perceptronConvergesOnSeparableData() {
        Tensor[] xy = separable();
        LinearClassifierModel model = Perceptron.defaults().fit(xy[0], xy[1]);
        assertTrue(model.converged());
        assertEquals(1.0, model.score(xy[0], xy[1]));
        // every training row lies strictly on its own side of the learned hyperplane
        double[] f = model.decisionFunction(xy[0]).toDoubleArray();
        long[] y = xy[1].toLongArray();
        for (int i = 0; i < f.length; i++) {
            assertTrue(y[i] == 1 ? f[i] > 0 : f[i] < 0, "row " + i);
        }
    }

    @Test
    void svmSeparatesBlobsWithAMargin() {
        Tensor[] xy = separable();
        LinearClassifierModel model = LinearSvm.of(0.01, Penalty.L2).fit(xy[0], xy[1]);
        assertEquals(1.0, model.score(xy[0], xy[1]));
        // the blobs are symmetric about the origin along (1, 1): the normal points that way
        double[] w = model.coefficients().toDoubleArray();
        assertEquals(w[0], w[1], 0.35 * Math.abs(w[0]));
        assertTrue(w[0] > 0);
        Tensor[] test = Data.blobs(52, new double[][] {{-2, -2}, {2, 2}}, 50, 0.6);
        assertTrue(model.score(test[0], test[1]) > 0.98);
    }

    @Test
    void l1PenaltySuppressesNoiseFeatures() {
        int n = 200;
        Tensor[] xy = Data.blobs(53, new double[][] {{-1.5}, {1.5}}, n / 2, 0.7);
        Tensor noise = Data.normal(54, n, 6);
        Tensor x = Tensor.cat(1, xy[0], noise);
        double[] l1 = LinearSvm.of(0.05, Penalty.L1).fit(x, xy[1]).coefficients().toDoubleArray();
        double[] l2 = LinearSvm.of(0.05, Penalty.L2).fit(x, xy[1]).coefficients().toDoubleArray();
        double l1Noise = 0;
        double l2Noise = 0;
        for (int j = 1; j < 7; j++) {
            l1Noise += Math.abs(l1[j]);
            l2Noise += Math.abs(l2[j]);
        }
        assertTrue(l1Noise / Math.abs(l1[0]) < 0.1, "noise weight share with L1: " + l1Noise / Math.abs(l1[0]));
        assertTrue(l1Noise / Math.abs(l1[0]) < l2Noise / Math.abs(l2[0]));
    }

    @Test
    void binaryModelsRejectMoreThanTwoClasses() {
        Tensor[] three = Data.blobs(55, new double[][] {{0, 0}, {3, 0}, {0, 3}}, 10, 0.5);
        var e = assertThrows(IllegalArgumentException.class, () -> Perceptron.defaults().fit(three[0], three[1]));
        assertTrue(e.getMessage().contains("binary") && e.getMessage().contains("3 classes"), e.getMessage());
    }
}
