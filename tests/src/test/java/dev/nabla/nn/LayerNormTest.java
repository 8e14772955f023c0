package dev.nabla.nn;

import static dev.nabla.nn.NnAssert.assertGradients;
import static dev.nabla.nn.NnAssert.assertSecondOrder;
import static dev.nabla.nn.NnAssert.randn64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.ElsewhereDevice;
import dev.nabla.Generator;
import dev.nabla.Shape;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.backend.fast.LayerNormKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link Functional#layerNorm} with and without its weight and bias: gradients of all three against
 * float64 finite differences (first and second order), float32 and float64 values and gradients
 * against per-row closed forms evaluated in double, and the argument checks.
 */
class LayerNormTest {

    private static final double EPS = 1e-5;

    /** Layer norm of {@code in[0]} with weight {@code in[1]} and bias {@code in[2]}, each used only when wanted. */
    private static Function<Tensor[], Tensor> layerNorm(int[] normalizedShape, boolean weight, boolean bias) {
        return in -> Functional.layerNorm(in[0], normalizedShape, weight ? in[1] : null, bias ? in[weight ? 2 : 1] : null,
                EPS);
    }

    private static Tensor[] operands(Tensor x, Tensor w, Tensor b, boolean weight, boolean bias) {
        List<Tensor> in = new ArrayList<>(List.of(x));
        if (weight) {
            in.add(w);
        }
        if (bias) {
            in.add(b);
        }
        return in.toArray(Tensor[]::new);
    }

    @Test
    void gradientsOfInputWeightAndBiasMatchFiniteDifferences() {
        for (boolean weight : new boolean[] {false, true}) {
            for (boolean bias : new boolean[] {false, true}) {
                int[] rows = {5};
                assertGradients(layerNorm(rows, weight, bias),
                        operands(randn64(1, 3, 5), randn64(2, 5), randn64(3, 5), weight, bias));
                // two normalised dimensions under a leading batch of two
                int[] planes = {2, 4};
                assertGradients(layerNorm(planes, weight, bias),
                        operands(randn64(4, 2, 3, 2, 4), randn64(5, 2, 4), randn64(6, 2, 4), weight, bias));
            }
        }
    }

    @Test
    void nonContiguousOperandsAndPartlyFrozenParameters() {
        // x [3, 2, 4] read through a transpose, the weight [4] through a column of a [4, 2] matrix (stride 2)
        assertGradients(in -> Functional.layerNorm(in[0].transpose(0, 1), new int[] {4}, in[1].select(1, 0), in[2], EPS),
                randn64(7, 2, 3, 4), randn64(8, 4, 2), randn64(9, 4));
        // gradients only for what requires one: the kernels skip the others
        Tensor fixedX = randn64(10, 6, 5).detach();
        assertGradients(layerNorm(new int[] {5}, true, true), fixedX, randn64(11, 5), randn64(12, 5));
        assertGradients(layerNorm(new int[] {5}, true, true), fixedX, randn64(13, 5).detach(), randn64(14, 5));
        assertGradients(layerNorm(new int[] {5}, true, true), randn64(15, 6, 5), randn64(16, 5).detach(),
                randn64(17, 5).detach());
        Tensor x = randn64(18, 6, 5);
        Tensor frozen = randn64(19, 5).detach();
        Tensor b = randn64(20, 5);
        Functional.layerNorm(x, new int[] {5}, frozen, b, EPS).sum().backward();
        assertNull(frozen.grad(), "a weight that needs no gradient gets none");
    }

    @Test
    void secondDerivativesOfInputWeightAndBias() {
        assertSecondOrder(in -> Functional.layerNorm(in[0], new int[] {2, 3}, in[1], in[2], EPS).pow(2),
                randn64(21, 4, 2, 3), randn64(22, 2, 3), randn64(23, 2, 3));
        assertSecondOrder(in -> Functional.layerNorm(in[0], new int[] {3}, null, in[1], EPS).pow(2), randn64(24, 5, 3),
                randn64(25, 3));
    }

    @Test
    void recordedGradientsEqualTheKernelGradients() {
        // the second-order check only proves the recorded gradients differentiate consistently; this pins their values
        Tensor x = randn64(26, 4, 2, 3);
        Tensor w = randn64(27, 2, 3);
        Tensor b = randn64(28, 2, 3);
        Tensor seed = randn64(29, 4, 2, 3).detach();
        Tensor[] inputs = {x, w, b};
        Function<Tensor[], Tensor> f = layerNorm(new int[] {2, 3}, true, true);
        Tensor[] kernel = Autograd.grad(new Tensor[] {f.apply(inputs).mul(seed).sum()}, null, inputs, false, false);
        Tensor[] recorded = Autograd.grad(new Tensor[] {f.apply(inputs).mul(seed).sum()}, null, inputs, false, true);
        for (int i = 0; i < inputs.length; i++) {
            NnAssert.assertClose(kernel[i].toDoubleArray(), recorded[i], 1e-12);
        }
    }

    @Test
    void valuesAndGradientsMatchClosedFormsInFloat32AndFloat64() {
        // 300 rows: several row chunks for the parameter sums whenever more than one thread runs
        int rows = 300;
        int cols = 64;
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            // float32: values and row statistics are stored in float, sums taken in double
            double tol = dtype == DType.FLOAT32 ? 2e-6 : 1e-12;
            for (boolean affine : new boolean[] {false, true}) {
                Tensor x = normal(30, dtype, 3, rows, cols).add(1).detach().requiresGrad(true);
                Tensor w = affine ? normal(31, dtype, 1, cols).requiresGrad(true) : null;
                Tensor b = affine ? normal(32, dtype, 1, cols).requiresGrad(true) : null;
                Tensor seed = normal(33, dtype, 1, rows, cols);
                Tensor y = Functional.layerNorm(x, new int[] {cols}, w, b, EPS);
                if (x.backend().fastPath(LayerNormKernel.class).isPresent()) {
                    assertEquals("layerNorm", y.gradFn().op(), "one recorded op for normalisation, weight and bias");
                }
                Tensor[] grads = Autograd.grad(y.mul(seed).sum(), affine ? new Tensor[] {x, w, b} : new Tensor[] {x});
                double[][] expected = ClosedForm.of(x.toDoubleArray(), affine ? w.toDoubleArray() : null,
                        affine ? b.toDoubleArray() : null, seed.toDoubleArray(), cols, EPS);
                NnAssert.assertClose(expected[0], y, tol);
                NnAssert.assertClose(expected[1], grads[0], tol);
                if (affine) {
                    // sums of 300 products of magnitude ~1: relative to the sum's own scale
                    NnAssert.assertClose(expected[2], grads[1], tol * Math.sqrt(rows));
                    NnAssert.assertClose(expected[3], grads[2], tol * Math.sqrt(rows));
                }
            }
        }
    }

    @Test
    void weightAndBiasOfAnotherShapeDtypeOrDeviceAreRefused() {
        Tensor x = Tensor.zeros(DType.FLOAT32, Device.CPU, 2, 4);
        int[] four = {4};
        assertMessage("layerNorm: weight of shape [4] is float64 but the input of shape [2, 4] is float32 "
                + "(convert one with to(dtype))",
                () -> Functional.layerNorm(x, four, Tensor.ones(DType.FLOAT64, Device.CPU, 4), null, EPS));
        assertMessage("layerNorm: bias of shape [4] is float64 but the input of shape [2, 4] is float32 "
                + "(convert one with to(dtype))",
                () -> Functional.layerNorm(x, four, null, Tensor.zeros(DType.FLOAT64, Device.CPU, 4), EPS));
        // [1] would broadcast, [2, 2] has the right count: both used to slip through the composed path
        assertMessage("layerNorm: bias must have shape [4] (normalizedShape), got [1]",
                () -> Functional.layerNorm(x, four, null, Tensor.zeros(DType.FLOAT32, Device.CPU, 1), EPS));
        assertMessage("layerNorm: weight must have shape [2, 2] (normalizedShape), got [4]",
                () -> Functional.layerNorm(x.reshape(2, 2, 2), new int[] {2, 2}, Tensor.ones(4), null, EPS));
        assertMessage("layerNorm: weight of shape [4] is on cuda:0 but the input of shape [2, 4] is on cpu "
                + "(move one with to(device))",
                () -> Functional.layerNorm(x, four, ElsewhereDevice.tensor(DType.FLOAT32, 4), null, EPS));
        assertMessage("layerNorm: bias of shape [4] is on cuda:0 but the input of shape [2, 4] is on cpu "
                + "(move one with to(device))",
                () -> Functional.layerNorm(x, four, null, ElsewhereDevice.tensor(DType.FLOAT32, 4), EPS));
        assertMessage("layerNorm: expected a floating input, got int64 of shape [2, 4]",
                () -> Functional.layerNorm(Tensor.ofIndices(new int[8], 2, 4), four, null, null, EPS));
        assertMessage("layerNorm: expected input with trailing shape [4], got shape [4, 2]",
                () -> Functional.layerNorm(x.t(), four, null, null, EPS));
    }

    @Test
    void emptyBatchKeepsItsShape() {
        Tensor y = Functional.layerNorm(Tensor.zeros(0, 4), new int[] {4}, Tensor.ones(4), Tensor.zeros(4), EPS);
        assertEquals(Shape.of(0, 4), y.shape());
    }

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    private static Tensor normal(long seed, DType dtype, double std, int... shape) {
        return Tensor.normal(new Generator(seed), 0, std, dtype, Device.best(), shape);
    }

    /** Layer norm and its gradients per row in double, straight from the definitions. */
    private static final class ClosedForm {

        /** {y, dx, dweight, dbias} for x {@code [rows, cols]} (row-major) and output gradient g; w, b may be null. */
        static double[][] of(double[] x, double[] w, double[] b, double[] g, int cols, double eps) {
            int rows = x.length / cols;
            double[] y = new double[x.length];
            double[] dx = new double[x.length];
            double[] dw = new double[cols];
            double[] db = new double[cols];
            double[] xhat = new double[cols];
            double[] gw = new double[cols];
            for (int r = 0; r < rows; r++) {
                int at = r * cols;
                double mean = 0;
                for (int c = 0; c < cols; c++) {
                    mean += x[at + c] / cols;
                }
                double var = 0;
                for (int c = 0; c < cols; c++) {
                    var += (x[at + c] - mean) * (x[at + c] - mean) / cols;
                }
                double rstd = 1 / Math.sqrt(var + eps);
                double meanG = 0;
                double meanGX = 0;
                for (int c = 0; c < cols; c++) {
                    xhat[c] = (x[at + c] - mean) * rstd;
                    y[at + c] = xhat[c] * (w == null ? 1 : w[c]) + (b == null ? 0 : b[c]);
                    gw[c] = g[at + c] * (w == null ? 1 : w[c]);
                    meanG += gw[c] / cols;
                    meanGX += gw[c] * xhat[c] / cols;
                    dw[c] += g[at + c] * xhat[c];
                    db[c] += g[at + c];
                }
                for (int c = 0; c < cols; c++) {
                    dx[at + c] = rstd * (gw[c] - meanG - xhat[c] * meanGX);
                }
            }
            return new double[][] {y, dx, dw, db};
        }
    }
}
