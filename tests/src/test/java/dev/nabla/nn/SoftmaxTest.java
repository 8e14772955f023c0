package dev.nabla.nn;

import static dev.nabla.nn.NnAssert.assertClose;
import static dev.nabla.nn.NnAssert.assertGradients;
import static dev.nabla.nn.NnAssert.assertSecondOrder;
import static dev.nabla.nn.NnAssert.randn64;

import dev.nabla.DType;
import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;

/** Softmax and log-softmax (fused where the backend has the kernel) against a double-precision reference. */
class SoftmaxTest {

    /** Softmax along {@code dim} of a row-major [3, 4, 5] array, computed directly from the definition. */
    private static double[] reference(double[] x, int dim, boolean log) {
        int[] shape = {3, 4, 5};
        int[] strides = {20, 5, 1};
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int along = (i / strides[dim]) % shape[dim];
            int first = i - along * strides[dim];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < shape[dim]; j++) {
                max = Math.max(max, x[first + j * strides[dim]]);
            }
            double sum = 0;
            for (int j = 0; j < shape[dim]; j++) {
                sum += Math.exp(x[first + j * strides[dim]] - max);
            }
            out[i] = log ? x[i] - max - Math.log(sum) : Math.exp(x[i] - max) / sum;
        }
        return out;
    }

    @Test
    void everyDimensionMatchesTheDefinitionInBothPrecisions() {
        Tensor x64 = randn64(1, 3, 4, 5).mul(3);
        double[] values = x64.toDoubleArray();
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor x = x64.to(dtype);
            double tol = dtype == DType.FLOAT32 ? 1e-6 : 1e-14;
            for (int dim = 0; dim < 3; dim++) {
                assertClose(reference(values, dim, false), Functional.softmax(x, dim), tol);
                assertClose(reference(values, dim, true), Functional.logSoftmax(x, dim), tol * 10);
            }
            assertClose(reference(values, 2, true), Functional.logSoftmax(x.transpose(0, 2), 0).transpose(0, 2), tol * 10);
        }
    }

    @Test
    void hugeLogitsStayFinite() {
        Tensor x = Tensor.of(new double[] {1000, 1001, -1000, 0}, 2, 2);
        double e = Math.exp(1);
        assertClose(new double[] {1 / (1 + e), e / (1 + e), 0, 1}, Functional.softmax(x, 1), 1e-15);
        assertClose(new double[] {-Math.log1p(e), -Math.log1p(1 / e), -1000, 0}, Functional.logSoftmax(x, 1), 1e-12);
    }

    @Test
    void gradientsAndGradientsOfGradientsMatchFiniteDifferences() {
        Tensor x = randn64(2, 3, 4, 5);
        for (int dim : new int[] {0, 2}) {
            assertGradients(in -> Functional.softmax(in[0], dim).mul(in[1]), x, randn64(3, 3, 4, 5));
            assertGradients(in -> Functional.logSoftmax(in[0], dim).mul(in[1]), x, randn64(4, 3, 4, 5));
        }
        assertSecondOrder(in -> Functional.softmax(in[0], 1).pow(2), randn64(5, 2, 3));
        assertSecondOrder(in -> Functional.logSoftmax(in[0], 0).pow(2), randn64(6, 2, 3));
    }
}
