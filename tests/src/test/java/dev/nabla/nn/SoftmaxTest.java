package dev.nabla.nn;

import static dev.nabla.nn.NnAssert.assertClose;
import static dev.nabla.nn.NnAssert.assertGradients;
import static dev.nabla.nn.NnAssert.assertSecondOrder;
import static dev.nabla.nn.NnAssert.randn64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
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
    void longFloatRowsMatchDoubleAndNonFiniteRowsFollowTheComposition() {
        int cols = 1003; // the CPU's float32 rows run eight lanes at a time, then a tail
        Tensor random = randn64(2, 2, cols).mul(4);
        double[] values = new double[4 * cols];
        System.arraycopy(random.toDoubleArray(), 0, values, 0, 2 * cols);
        java.util.Arrays.fill(values, 2 * cols, 3 * cols, Double.NEGATIVE_INFINITY);
        values[3 * cols + 500] = Double.POSITIVE_INFINITY;
        Tensor x = Tensor.of(values, 4, cols).to(DType.FLOAT32);
        double[] soft = Functional.softmax(x, 1).toDoubleArray();
        double[] logSoft = Functional.logSoftmax(x, 1).toDoubleArray();
        double[] x32 = x.toDoubleArray();
        for (int r = 0; r < 2; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, x32[r * cols + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += Math.exp(x32[r * cols + c] - max);
            }
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                double p = Math.exp(x32[i] - max) / sum;
                // float32 arithmetic: x - max rounds (relative error ulp(1) · |x - max| in the exponential), plus a few ulps
                double bound = Math.ulp(1f) * (Math.abs(x32[i] - max) + 8);
                assertEquals(p, soft[i], bound * p, "softmax " + i);
                assertEquals(x32[i] - max - Math.log(sum), logSoft[i], 1e-5, "log " + i);
            }
        }
        for (int c = 0; c < cols; c++) {
            assertTrue(Double.isNaN(soft[2 * cols + c]) && Double.isNaN(logSoft[2 * cols + c]),
                    "a row of -inf gives NaN, as exp(x - logsumexp(x)) does");
            int i = 3 * cols + c;
            if (c == 500) {
                assertTrue(Double.isNaN(soft[i]) && Double.isNaN(logSoft[i]), "+inf entry");
            } else {
                assertEquals(0.0, soft[i], "beside +inf");
                assertEquals(Double.NEGATIVE_INFINITY, logSoft[i], "log beside +inf");
            }
        }
    }

    @Test
    void anEmptyInputGivesAnEmptyResultAsInPyTorch() {
        // torch.softmax(torch.zeros(2, 0), 1) is tensor([], size=(2, 0)); so is log_softmax, and dim 0 of a [0, 3]
        for (boolean log : new boolean[] {false, true}) {
            Tensor x = Tensor.zeros(2, 0).requiresGrad(true);
            Tensor y = log ? Functional.logSoftmax(x, 1) : Functional.softmax(x, 1);
            assertEquals(x.shape(), y.shape());
            assertEquals(DType.FLOAT32, y.dtype());
            y.sum().backward();
            assertEquals(x.shape(), x.grad().shape());
            Tensor rows = Tensor.zeros(DType.FLOAT64, Device.best(), 0, 3);
            Tensor z = log ? Functional.logSoftmax(rows, 0) : Functional.softmax(rows, -1);
            assertEquals(rows.shape(), z.shape());
            assertEquals(DType.FLOAT64, z.dtype());
        }
    }

    @Test
    void nonFloatingInputsAndBadDimensionsAreBlamedOnSoftmax() {
        Tensor ints = Tensor.of(new long[] {1, 2, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Functional.softmax(ints, 0));
        assertTrue(e.getMessage().startsWith("softmax: expected a floating tensor, got int64"), e.getMessage());
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class, () -> Functional.logSoftmax(ints, 0));
        assertTrue(l.getMessage().startsWith("logSoftmax: "), l.getMessage());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> Functional.softmax(Tensor.zeros(2, 0), 2));
        assertTrue(d.getMessage().startsWith("softmax: dimension 2 is out of range"), d.getMessage());
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
