package dev.nabla.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.nabla.DType;
import dev.nabla.backend.Strided;
import org.junit.jupiter.api.Test;

/**
 * The layer-norm kernels with weight (gamma) and bias (beta) on hand-worked rows, operands at storage offsets,
 * and the parameter gradients with either output left out.
 */
class CpuLayerNormTest {

    private static final CpuBackend CPU = CpuBackend.INSTANCE;
    private static final double R1 = Math.sqrt(1.5);
    private static final double R2 = 1 / Math.sqrt(8);

    /** {@code values} as a contiguous view of {@code shape} in dtype, starting at storage offset 3. */
    private static Strided at3(DType dtype, double[] values, int... shape) {
        double[] padded = new double[values.length + 3];
        System.arraycopy(values, 0, padded, 3, values.length);
        Strided all = new Strided(CPU.upload(padded), new int[] {padded.length}, new int[] {1}, 0);
        Strided typed = Strided.contiguous(CPU.allocate(dtype, padded.length), new int[] {padded.length});
        CPU.copy(all, typed);
        int[] strides = Strided.contiguousStrides(shape);
        return new Strided(typed.storage(), shape, strides, 3);
    }

    private static Strided zeros(DType dtype, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return at3(dtype, new double[n], shape);
    }

    private static double[] read(Strided s) {
        Strided out = Strided.contiguous(CPU.allocate(DType.FLOAT64, s.numel()), s.shape());
        CPU.copy(s, out);
        return (double[]) CPU.download(out);
    }

    @Test
    void handWorkedRowsWithWeightAndBias() {
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            double tol = dtype == DType.FLOAT64 ? 1e-15 : 1e-6;
            // row 0: mean 2, variance 2/3, rstd √1.5; row 1: mean 6, variance 8, rstd 1/√8
            Strided x = at3(dtype, new double[] {1, 2, 3, 4, 4, 10}, 2, 3);
            Strided gamma = at3(dtype, new double[] {2, 1, -1}, 3);
            Strided beta = at3(dtype, new double[] {1, 1, 1}, 3);
            Strided y = zeros(dtype, 2, 3);
            Strided mean = zeros(dtype, 2);
            Strided rstd = zeros(dtype, 2);
            CPU.layerNorm(x, gamma, beta, 0, y, mean, rstd);
            assertArrayEquals(new double[] {2, 6}, read(mean), tol);
            assertArrayEquals(new double[] {R1, R2}, read(rstd), tol);
            // xhat = [-√1.5, 0, √1.5] and [-2, -2, 4] / √8
            assertArrayEquals(new double[] {1 - 2 * R1, 1, 1 - R1, 1 - 4 * R2, 1 - 2 * R2, 1 - 4 * R2}, read(y), tol);

            Strided g = at3(dtype, new double[] {1, 0, 0, 0, 1, 1}, 2, 3);
            Strided dx = zeros(dtype, 2, 3);
            CPU.layerNormBackward(x, mean, rstd, gamma, g, dx);
            // row 0: g·gamma = [2, 0, 0], mean 2/3, mean(g·gamma·xhat) = -2√1.5/3, so dx = rstd·[1/3, -2/3, 1/3];
            // row 1: g·gamma = [0, 1, -1], mean 0, mean(g·gamma·xhat) = (-2 - 4)/(3√8), so dx = rstd·(g·gamma + xhat·2/√8)
            assertArrayEquals(new double[] {R1 / 3, -2 * R1 / 3, R1 / 3, -4 * R2 * R2 * R2,
                R2 * (1 - 4 * R2 * R2), R2 * (-1 + 8 * R2 * R2)}, read(dx), tol);

            Strided dgamma = zeros(dtype, 3);
            Strided dbeta = zeros(dtype, 3);
            CPU.layerNormParamsBackward(x, mean, rstd, g, dgamma, dbeta);
            assertArrayEquals(new double[] {-R1, -2 * R2, 4 * R2}, read(dgamma), tol);
            assertArrayEquals(new double[] {1, 1, 1}, read(dbeta), tol);
        }
    }

    @Test
    void eitherParameterGradientAloneEqualsBoth() {
        int rows = 500;
        int cols = 37;
        double[] xs = new double[rows * cols];
        double[] gs = new double[rows * cols];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Math.sin(i * 0.37) * 3 + (i % cols) * 0.1;
            gs[i] = Math.cos(i * 0.11);
        }
        Strided x = at3(DType.FLOAT32, xs, rows, cols);
        Strided g = at3(DType.FLOAT32, gs, rows, cols);
        Strided mean = zeros(DType.FLOAT32, rows);
        Strided rstd = zeros(DType.FLOAT32, rows);
        CPU.layerNorm(x, null, null, 1e-5, zeros(DType.FLOAT32, rows, cols), mean, rstd);
        Strided dgamma = zeros(DType.FLOAT32, cols);
        Strided dbeta = zeros(DType.FLOAT32, cols);
        CPU.layerNormParamsBackward(x, mean, rstd, g, dgamma, dbeta);
        Strided gammaAlone = zeros(DType.FLOAT32, cols);
        CPU.layerNormParamsBackward(x, mean, rstd, g, gammaAlone, null);
        Strided betaAlone = zeros(DType.FLOAT32, cols);
        CPU.layerNormParamsBackward(x, mean, rstd, g, null, betaAlone);
        assertArrayEquals(read(dgamma), read(gammaAlone), 0);
        assertArrayEquals(read(dbeta), read(betaAlone), 0);
        // dbeta is the column sum of g, whatever the split into row chunks
        double[] sums = new double[cols];
        for (int i = 0; i < gs.length; i++) {
            sums[i % cols] += (float) gs[i];
        }
        assertArrayEquals(sums, read(dbeta), 1e-5);
    }
}
