package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Tensor;
import dev.nabla.ml.kernel.Kernel;
import dev.nabla.ml.kernel.KernelClassifierModel;
import dev.nabla.ml.kernel.KernelLogisticRegression;
import dev.nabla.ml.kernel.KernelPerceptron;
import dev.nabla.ml.linear.LinearClassifierModel;
import dev.nabla.ml.linear.LogisticRegression;
import dev.nabla.ml.linear.Perceptron;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class KernelTest {

    private static final Tensor A = Data.normal(31, 5, 3);
    private static final Tensor B = Data.normal(32, 4, 3);

    /** Compares a kernel's Gram matrix with a host double loop over row pairs. */
    private static void assertGram(Kernel kernel, BiFunction<double[], double[], Double> reference) {
        double[] a = A.toDoubleArray();
        double[] b = B.toDoubleArray();
        double[] k = kernel.gram(A, B).toDoubleArray();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(reference.apply(Data.row(a, 3, i), Data.row(b, 3, j)), k[i * 4 + j], 1e-12,
                        "entry " + i + "," + j);
            }
        }
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    private static double distance(double[] x, double[] y, int p) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.pow(Math.abs(x[i] - y[i]), p);
        }
        return s;
    }

    @Test
    void gramMatricesMatchTheDefinitions() {
        assertGram(Kernel.linear(), KernelTest::dot);
        assertGram(Kernel.polynomial(3, 1.5), (x, y) -> Math.pow(dot(x, y) + 1.5, 3));
        assertGram(Kernel.rbf(0.7), (x, y) -> Math.exp(-0.7 * distance(x, y, 2)));
        assertGram(Kernel.laplacian(0.4), (x, y) -> Math.exp(-0.4 * distance(x, y, 1)));
        assertGram(Kernel.linear().plus(Kernel.rbf(1)).scaled(2),
                (x, y) -> 2 * (dot(x, y) + Math.exp(-distance(x, y, 2))));
        assertGram(Kernel.polynomial(2, 0).times(Kernel.laplacian(1)),
                (x, y) -> Math.pow(dot(x, y), 2) * Math.exp(-distance(x, y, 1)));
    }

    @Test
    void gramOfASetWithItselfIsSymmetricWithUnitDiagonalForRbf() {
        Tensor k = Kernel.rbf(0.5).gram(A, A);
        assertArrayEquals(k.toDoubleArray(), k.t().contiguous().toDoubleArray(), 1e-15);
        double[] values = k.toDoubleArray();
        for (int i = 0; i < 5; i++) {
            assertEquals(1.0, values[i * 5 + i], 1e-12);
        }
        assertThrows(IllegalArgumentException.class, () -> Kernel.rbf(0));
        assertThrows(IllegalArgumentException.class, () -> Kernel.linear().scaled(-1));
        assertThrows(IllegalArgumentException.class, () -> Kernel.rbf(1).gram(A, Data.normal(1, 2, 4)));
    }

    @Test
    void kernelMethodsSeparateConcentricCirclesThatLinearOnesCannot() {
        Tensor[] train = Data.circles(41, 60, 0.4);
        Tensor[] test = Data.circles(42, 60, 0.4);
        KernelClassifierModel perceptron = new KernelPerceptron(Kernel.polynomial(2, 1), 200).fit(train[0], train[1]);
        assertTrue(perceptron.converged(), "a degree-2 kernel makes the circles separable");
        assertEquals(1.0, perceptron.score(train[0], train[1]));
        assertTrue(perceptron.score(test[0], test[1]) > 0.97);
        KernelClassifierModel logistic = KernelLogisticRegression.of(Kernel.rbf(0.5), 1e-3).fit(train[0], train[1]);
        assertTrue(logistic.score(test[0], test[1]) > 0.97, "kernel logistic " + logistic.score(test[0], test[1]));
        double[] p = logistic.predictProba(test[0]).toDoubleArray();
        long[] pred = logistic.predict(test[0]).toLongArray();
        for (int i = 0; i < pred.length; i++) {
            assertEquals(p[2 * i + 1] > 0.5 ? 1 : 0, pred[i]);
        }
        // the linear counterparts do no better than chance-level separation
        LinearClassifierModel linearPerceptron = new Perceptron(200, 1, true).fit(train[0], train[1]);
        assertFalse(linearPerceptron.converged());
        double linearScore = LogisticRegression.of(1e-3).fit(train[0], train[1]).score(test[0], test[1]);
        assertTrue(linearScore < 0.7, "linear logistic regression cannot separate circles, got " + linearScore);
    }
}
