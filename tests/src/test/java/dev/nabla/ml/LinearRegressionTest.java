package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.ml.linear.Lasso;
import dev.nabla.ml.linear.LinearModel;
import dev.nabla.ml.linear.LinearRegression;
import dev.nabla.ml.linear.Ridge;
import org.junit.jupiter.api.Test;

class LinearRegressionTest {

    private static final double[] PLANTED = {2.0, -1.0, 0.5, 3.0, 0.0};
    private static final double PLANTED_INTERCEPT = 1.5;
    private static final int N = 200;
    private static final int D = PLANTED.length;

    /** y = X w + b + small noise. */
    private static Tensor[] plantedProblem(double noise) {
        Tensor x = Data.normal(1, N, D);
        Tensor eps = Data.normal(2, N, 1).reshape(N).mul(noise);
        Tensor y = x.matmul(Data.vector(PLANTED)).add(PLANTED_INTERCEPT).add(eps);
        return new Tensor[] {x, y};
    }

    /** Reference: the normal equations of [X, 1] solved by Gaussian elimination on the host, with penalty alpha. */
    private static double[] normalEquationSolution(Tensor x, Tensor y, double alpha) {
        double[] xs = x.toDoubleArray();
        double[] ys = y.toDoubleArray();
        int p = D + 1;
        double[][] a = new double[p][p];
        double[] b = new double[p];
        for (int i = 0; i < N; i++) {
            double[] row = new double[p];
            System.arraycopy(xs, i * D, row, 0, D);
            row[D] = 1;
            for (int r = 0; r < p; r++) {
                b[r] += row[r] * ys[i];
                for (int c = 0; c < p; c++) {
                    a[r][c] += row[r] * row[c];
                }
            }
        }
        for (int j = 0; j < D; j++) {
            a[j][j] += alpha;
        }
        return Data.solve(a, b);
    }

    private static void assertMatches(double[] reference, LinearModel model, double tol) {
        double[] w = model.coefficients().toDoubleArray();
        for (int j = 0; j < D; j++) {
            assertEquals(reference[j], w[j], tol, "coefficient " + j);
        }
        assertEquals(reference[D], model.intercept(), tol, "intercept");
    }

    @Test
    void olsRecoversPlantedCoefficientsAndMatchesNormalEquations() {
        Tensor[] xy = plantedProblem(0.01);
        double[] reference = normalEquationSolution(xy[0], xy[1], 0);
        for (LinearRegression.Solver solver : LinearRegression.Solver.values()) {
            LinearModel model = LinearRegression.defaults().withSolver(solver).fit(xy[0], xy[1]);
            assertEquals(DType.FLOAT64, model.coefficients().dtype());
            assertMatches(reference, model, 1e-8);
            assertArrayEquals(PLANTED, model.coefficients().toDoubleArray(), 0.01);
            assertEquals(PLANTED_INTERCEPT, model.intercept(), 0.01);
            assertTrue(model.score(xy[0], xy[1]) > 0.9999);
        }
    }

    @Test
    void olsWithoutInterceptFitsThroughTheOrigin() {
        Tensor x = Data.normal(3, N, D);
        Tensor y = x.matmul(Data.vector(PLANTED));
        LinearModel model = LinearRegression.defaults().withIntercept(false).fit(x, y);
        assertArrayEquals(PLANTED, model.coefficients().toDoubleArray(), 1e-10);
        assertEquals(0, model.intercept());
    }

    @Test
    void ridgeMatchesPenalisedNormalEquations() {
        Tensor[] xy = plantedProblem(0.5);
        double alpha = 25;
        // with an unpenalised intercept the reference solves the centred system; build it from centred data
        Tensor xc = xy[0].sub(xy[0].mean(new int[] {0}, false));
        Tensor yc = xy[1].sub(xy[1].mean());
        double[] reference = normalEquationSolution(xc, yc, alpha);
        LinearModel model = Ridge.of(alpha).fit(xy[0], xy[1]);
        double[] w = model.coefficients().toDoubleArray();
        for (int j = 0; j < D; j++) {
            assertEquals(reference[j], w[j], 1e-8, "coefficient " + j);
        }
        double expectedIntercept = xy[1].mean().item() - xy[0].mean(new int[] {0}, false).mul(model.coefficients())
                .sum().item();
        assertEquals(expectedIntercept, model.intercept(), 1e-10);
        // shrinkage: the penalised norm is smaller than the least-squares one
        double olsNorm = LinearRegression.defaults().fit(xy[0], xy[1]).coefficients().norm(2).item();
        assertTrue(model.coefficients().norm(2).item() < olsNorm);
        // for roughly white features ridge shrinks each coefficient by about n / (n + alpha)
        double[] shrunk = java.util.Arrays.stream(PLANTED).map(v -> v * N / (N + alpha)).toArray();
        assertArrayEquals(shrunk, w, 0.2);
    }

    @Test
    void lassoZeroesIrrelevantFeatures() {
        int n = 300;
        int d = 10;
        Tensor x = Data.normal(5, n, d);
        double[] truth = {3, 0, 0, -2, 0, 0, 0, 1.5, 0, 0};
        Tensor y = x.matmul(Data.vector(truth)).add(Data.normal(6, n, 1).reshape(n).mul(0.1)).add(4);
        LinearModel model = Lasso.of(0.1).fit(x, y);
        double[] w = model.coefficients().toDoubleArray();
        for (int j = 0; j < d; j++) {
            if (truth[j] == 0) {
                assertEquals(0.0, w[j], 0.0, "irrelevant feature " + j + " must be exactly zero");
            } else {
                // the lasso shrinks each active coefficient by about alpha (standard-normal features)
                assertEquals(truth[j] - Math.signum(truth[j]) * 0.1, w[j], 0.05, "feature " + j);
            }
        }
        assertTrue(model.converged());
        assertTrue(model.iterations() > 0);
        assertEquals(4, model.intercept(), 0.05);
    }

    @Test
    void lassoWithZeroPenaltyIsLeastSquares() {
        Tensor[] xy = plantedProblem(0.3);
        LinearModel lasso = Lasso.of(0).fit(xy[0], xy[1]);
        LinearModel ols = LinearRegression.defaults().fit(xy[0], xy[1]);
        assertArrayEquals(ols.coefficients().toDoubleArray(), lasso.coefficients().toDoubleArray(), 1e-8);
    }

    @Test
    void floatInputsStayFloat() {
        Tensor[] xy = plantedProblem(0.01);
        LinearModel model = LinearRegression.defaults().fit(xy[0].to(DType.FLOAT32), xy[1].to(DType.FLOAT32));
        assertEquals(DType.FLOAT32, model.coefficients().dtype());
        assertArrayEquals(PLANTED, model.coefficients().toDoubleArray(), 0.01);
    }

    @Test
    void badInputIsRejectedWithClearMessages() {
        Tensor[] xy = plantedProblem(0.01);
        Tensor shortY = xy[1].narrow(0, 0, N - 1);
        var mismatch = assertThrows(IllegalArgumentException.class, () -> LinearRegression.defaults().fit(xy[0], shortY));
        assertTrue(mismatch.getMessage().contains("200 rows") && mismatch.getMessage().contains("[199]"),
                mismatch.getMessage());
        double[] raw = xy[0].toDoubleArray();
        raw[7] = Double.NaN;
        Tensor withNan = Tensor.of(raw, N, D);
        var nan = assertThrows(IllegalArgumentException.class, () -> Ridge.of(1).fit(withNan, xy[1]));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        LinearModel model = LinearRegression.defaults().fit(xy[0], xy[1]);
        var features = assertThrows(IllegalArgumentException.class, () -> model.predict(Data.normal(1, 4, D + 1)));
        assertTrue(features.getMessage().contains("fitted on 5 features but X has 6"), features.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ridge.of(-1));
        Tensor collinear = Tensor.cat(1, xy[0], xy[0].narrow(1, 0, 1));
        var singular = assertThrows(IllegalArgumentException.class,
                () -> LinearRegression.defaults().fit(collinear, xy[1]));
        assertTrue(singular.getMessage().contains("not positive definite"), singular.getMessage());
    }


    @Test
    void qrFitsFullRankDataWhoseColumnsDifferInScale() {
        // regression: the rank test multiplied diagonal ratios, 3e-21 at 20 columns, and refused this (condition ~100)
        int n = 200;
        int d = 20;
        double[] x = Data.normal(71, n, d).toDoubleArray();
        for (int i = 0; i < n; i++) {
            for (int j = d / 2; j < d; j++) {
                x[i * d + j] *= 0.01;
            }
        }
        Tensor xs = Tensor.of(x, n, d).to(Device.CPU);
        Tensor y = xs.matmul(Data.normal(72, d, 1).reshape(d)).add(Data.normal(73, n, 1).reshape(n).mul(0.01));
        LinearModel qr = LinearRegression.defaults().withSolver(LinearRegression.Solver.QR).fit(xs, y);
        LinearModel cholesky = LinearRegression.defaults().fit(xs, y);
        assertArrayEquals(cholesky.coefficients().toDoubleArray(), qr.coefficients().toDoubleArray(), 1e-8);
        assertEquals(cholesky.intercept(), qr.intercept(), 1e-10);
        // an exactly repeated column is still rank deficient
        Tensor collinear = Tensor.cat(1, xs, xs.narrow(1, 0, 1).mul(2));
        var e = assertThrows(IllegalArgumentException.class,
                () -> LinearRegression.defaults().withSolver(LinearRegression.Solver.QR).fit(collinear, y));
        assertTrue(e.getMessage().contains("rank deficient"), e.getMessage());
    }

    @Test
    void valuesNear1e160GiveTheSameCoefficientsAsOrdinaryOnes() {
        // regression: XᵀX overflowed to infinity and the fit returned NaN coefficients with converged = true
        Tensor[] xy = plantedProblem(0.01);
        double[] reference = normalEquationSolution(xy[0], xy[1], 0);
        Tensor hugeX = xy[0].mul(1e160);
        Tensor hugeY = xy[1].mul(1e160);
        for (LinearRegression.Solver solver : LinearRegression.Solver.values()) {
            LinearModel model = LinearRegression.defaults().withSolver(solver).fit(hugeX, hugeY);
            assertTrue(model.converged());
            double[] w = model.coefficients().toDoubleArray();
            for (int j = 0; j < D; j++) {
                assertEquals(reference[j], w[j], 1e-9, solver + " coefficient " + j);
            }
            assertEquals(reference[D], model.intercept() / 1e160, 1e-9, solver + " intercept");
        }
        // ridge on the same data: α = 3e300 is α = 3e-20 for the unscaled rows, so the fit is the least-squares one
        double[] ridge = new Ridge(3e300, true).fit(hugeX, hugeY).coefficients().toDoubleArray();
        for (int j = 0; j < D; j++) {
            assertEquals(reference[j], ridge[j], 1e-9, "ridge coefficient " + j);
        }
    }
}
