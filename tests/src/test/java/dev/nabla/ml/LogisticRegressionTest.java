package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.ml.linear.LogisticModel;
import dev.nabla.ml.linear.LogisticRegression;
import dev.nabla.ml.optim.FiniteSumSolver;
import dev.nabla.ml.optim.GradientDescent;
import dev.nabla.ml.optim.Lbfgs;
import dev.nabla.ml.optim.Newton;
import dev.nabla.ml.optim.Svrg;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    private static final double L2 = 0.05;

    /** Overlapping binary classes drawn from a planted logistic model, labels 3 and 7. */
    private static Tensor[] binaryProblem() {
        int n = 300;
        Tensor x = Data.normal(11, n, 3);
        double[] xs = x.toDoubleArray();
        double[] u = Data.normal(12, n, 1).toDoubleArray();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double z = 1.5 * xs[3 * i] - 2 * xs[3 * i + 1] + 0.5;
            y[i] = z + u[i] > 0 ? 7 : 3;
        }
        return new Tensor[] {x, Data.labels(y)};
    }

    /**
     * Reference: Newton's method (IRLS) on the host for mean log-loss + (λ/2)|w|², intercept last and
     * unpenalised, iterated to machine precision.
     */
    private static double[] newtonReference(Tensor x, Tensor y) {
        int n = x.size(0);
        int d = x.size(1);
        int p = d + 1;
        double[] xs = x.toDoubleArray();
        long[] ys = y.toLongArray();
        double[] w = new double[p];
        for (int it = 0; it < 50; it++) {
            double[] g = new double[p];
            double[][] h = new double[p][p];
            for (int i = 0; i < n; i++) {
                double[] row = new double[p];
                System.arraycopy(xs, i * d, row, 0, d);
                row[d] = 1;
                double z = 0;
                for (int j = 0; j < p; j++) {
                    z += row[j] * w[j];
                }
                double prob = 1 / (1 + Math.exp(-z));
                double t = ys[i] == 7 ? 1 : 0;
                for (int a = 0; a < p; a++) {
                    g[a] += (prob - t) * row[a] / n;
                    for (int b = 0; b < p; b++) {
                        h[a][b] += prob * (1 - prob) * row[a] * row[b] / n;
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                g[j] += L2 * w[j];
                h[j][j] += L2;
            }
            double[] step = Data.solve(h, g);
            for (int j = 0; j < p; j++) {
                w[j] -= step[j];
            }
        }
        return w;
    }

    private static void assertMatchesReference(double[] reference, LogisticModel model, double tol) {
        double[] w = model.coefficients().toDoubleArray();
        for (int j = 0; j < w.length; j++) {
            assertEquals(reference[j], w[j], tol, "coefficient " + j);
        }
        assertEquals(reference[w.length], model.intercepts().item(), tol, "intercept");
    }

    @Test
    void binaryLbfgsAndNewtonMatchAHostNewtonSolve() {
        Tensor[] xy = binaryProblem();
        double[] reference = newtonReference(xy[0], xy[1]);
        LogisticModel lbfgs = LogisticRegression.of(L2).withSolver(new Lbfgs(10, 1000, 1e-8)).fit(xy[0], xy[1]);
        assertTrue(lbfgs.converged());
        assertMatchesReference(reference, lbfgs, 1e-6);
        // Newton-CG (Hessian-vector products only)
        LogisticModel newton = LogisticRegression.of(L2).withSolver(new Newton(100, 1e-10)).fit(xy[0], xy[1]);
        assertTrue(newton.converged());
        assertTrue(newton.iterations() < 15, "Newton converges quadratically, took " + newton.iterations());
        assertMatchesReference(reference, newton, 1e-9);
        // the default tolerance, 1e-6 on the summed gradient
        assertMatchesReference(reference, LogisticRegression.of(L2).fit(xy[0], xy[1]), 1e-5);
        assertMatchesReference(reference, LogisticRegression.of(L2).withSolver(Newton.defaults()).fit(xy[0], xy[1]), 1e-5);
    }

    @Test
    void firstOrderSolversApproachTheSameOptimum() {
        Tensor[] xy = binaryProblem();
        double[] reference = newtonReference(xy[0], xy[1]);
        LogisticModel gd = LogisticRegression.of(L2).withSolver(new GradientDescent(2000, 1e-7)).fit(xy[0], xy[1]);
        assertMatchesReference(reference, gd, 1e-4);
        LogisticModel svrg = LogisticRegression.of(L2).withSolver(new Svrg(0.5, 30, 10, 1e-7, 3)).fit(xy[0], xy[1]);
        assertMatchesReference(reference, svrg, 1e-3);
    }

    @Test
    void probabilitiesAndLabelsAreConsistent() {
        Tensor[] xy = binaryProblem();
        LogisticModel model = LogisticRegression.of(L2).fit(xy[0], xy[1]);
        Tensor proba = model.predictProba(xy[0]);
        assertArrayEquals(new double[300], proba.sum(1).sub(1).toDoubleArray(), 1e-12);
        double[] p = proba.toDoubleArray();
        double[] z = model.decisionFunction(xy[0]).toDoubleArray();
        long[] pred = model.predict(xy[0]).toLongArray();
        for (int i = 0; i < 300; i++) {
            assertEquals(1 / (1 + Math.exp(-z[i])), p[2 * i + 1], 1e-12);
            assertEquals(z[i] > 0 ? 7 : 3, pred[i]);
        }
        assertTrue(model.score(xy[0], xy[1]) > 0.8);
    }

    @Test
    void multinomialIsStationaryAndSolversAgree() {
        Tensor[] blobs = Data.blobs(21, new double[][] {{0, 0}, {3, 0}, {0, 3}}, 40, 1.0);
        Tensor x = blobs[0];
        Tensor y = blobs[1];
        LogisticModel lbfgs = LogisticRegression.of(L2).withSolver(new Lbfgs(10, 1000, 1e-9)).fit(x, y);
        LogisticModel newton = LogisticRegression.of(L2).withSolver(new Newton(100, 1e-9)).fit(x, y);
        assertEquals(3, lbfgs.classes().size());
        assertArrayEquals(lbfgs.predictProba(x).toDoubleArray(), newton.predictProba(x).toDoubleArray(), 1e-6);
        // stationarity, checked on the host: (1/n) Xᵀ(P - Y) + λW = 0 and the intercept gradient (1/n) Σ(P - Y) = 0
        double[] p = newton.predictProba(x).toDoubleArray();
        double[] xs = x.toDoubleArray();
        long[] ys = y.toLongArray();
        double[] w = newton.coefficients().toDoubleArray();
        int n = x.size(0);
        for (int k = 0; k < 3; k++) {
            double[] g = new double[3];
            for (int i = 0; i < n; i++) {
                double r = p[3 * i + k] - (ys[i] == k ? 1 : 0);
                g[0] += r * xs[2 * i] / n;
                g[1] += r * xs[2 * i + 1] / n;
                g[2] += r / n;
            }
            assertEquals(0, g[0] + L2 * w[k], 1e-8);
            assertEquals(0, g[1] + L2 * w[3 + k], 1e-8);
            assertEquals(0, g[2], 1e-8);
        }
        assertTrue(newton.score(x, y) > 0.85);
    }

    @Test
    void badInput() {
        Tensor[] xy = binaryProblem();
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.of(-1));
        var oneClass = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.of(L2).fit(xy[0], Data.labels(new int[300])));
        assertTrue(oneClass.getMessage().contains("2 distinct"), oneClass.getMessage());
        var fractional = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.of(L2).fit(xy[0], xy[0].select(1, 0).contiguous()));
        assertTrue(fractional.getMessage().contains("whole numbers"), fractional.getMessage());
        LogisticModel model = LogisticRegression.of(L2).fit(xy[0], xy[1]);
        assertFalse(model.coefficients().requiresGrad());
        assertThrows(IllegalArgumentException.class, () -> model.predict(Data.normal(1, 2, 2)));
    }


    @Test
    void multinomialInterceptsAreCentredForEverySolver() {
        // regression: Newton returned intercepts shifted by an arbitrary constant (softmax cannot see it)
        Tensor[] blobs = Data.blobs(22, new double[][] {{0, 0}, {3, 0}, {0, 3}}, 40, 1.0);
        LogisticModel newton = LogisticRegression.of(L2).withSolver(new Newton(100, 1e-10)).fit(blobs[0], blobs[1]);
        LogisticModel lbfgs = LogisticRegression.of(L2).withSolver(new Lbfgs(10, 1000, 1e-10)).fit(blobs[0], blobs[1]);
        assertEquals(0, newton.intercepts().sum().item(), 1e-12);
        assertEquals(0, lbfgs.intercepts().sum().item(), 1e-12);
        assertArrayEquals(lbfgs.intercepts().toDoubleArray(), newton.intercepts().toDoubleArray(), 1e-8);
    }

    @Test
    void float32FitsConvergeToTheFloat64Optimum() {
        // regression: the tolerances ignored the dtype, so float32 fits never converged
        Tensor[] xy = binaryProblem();
        double[] reference = newtonReference(xy[0], xy[1]);
        for (FiniteSumSolver solver : new FiniteSumSolver[] {Lbfgs.defaults(), Newton.defaults()}) {
            LogisticModel model = LogisticRegression.of(L2).withSolver(solver).fit(xy[0].to(DType.FLOAT32), xy[1]);
            assertTrue(model.converged(), solver + " converged in float32");
            assertEquals(DType.FLOAT32, model.coefficients().dtype());
            assertMatchesReference(reference, model, 1e-4);
        }
    }

    @Test
    void anUnconvergedFitWarnsOnce() {
        Tensor[] xy = binaryProblem();
        LogisticModel[] model = new LogisticModel[1];
        String log = Logs.during(() -> model[0] = LogisticRegression.of(L2).withSolver(new Lbfgs(10, 2, 1e-12))
                .fit(xy[0], xy[1]));
        assertFalse(model[0].converged());
        assertEquals(2, model[0].iterations());
        assertEquals(1, log.lines().filter(l -> l.contains("did not converge")).count(), log);
        assertTrue(log.contains("LogisticRegression.fit"), log);
    }
}
