package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.ml.optim.AveragedSgd;
import dev.nabla.ml.optim.FiniteSumObjective;
import dev.nabla.ml.optim.FiniteSumSolver;
import dev.nabla.ml.optim.GradientDescent;
import dev.nabla.ml.optim.Lbfgs;
import dev.nabla.ml.optim.Newton;
import dev.nabla.ml.optim.SolverResult;
import dev.nabla.ml.optim.Svrg;
import org.junit.jupiter.api.Test;

class SolversTest {

    private static final int N = 120;
    private static final int D = 4;
    private static final double LAMBDA = 0.1;
    private static final Tensor X = Data.normal(111, N, D);
    private static final Tensor Y = X.matmul(Data.vector(1, -2, 0.5, 3)).add(Data.normal(112, N, 1).reshape(N).mul(0.1));

    /** Ridge least squares (1/2n)|Xw - y|² + (λ/2)|w|², whose minimiser solves (XᵀX/n + λI) w = Xᵀy/n. */
    private static final FiniteSumObjective RIDGE = ridge(X, Y);

    private static FiniteSumObjective ridge(Tensor x, Tensor y) {
        return new FiniteSumObjective() {
            @Override
            public int size() {
                return N;
            }

            @Override
            public Tensor loss(Tensor w) {
                return terms(x, y, w);
            }

            @Override
            public Tensor batchLoss(Tensor w, Tensor indices) {
                return terms(x.indexSelect(0, indices), y.indexSelect(0, indices), w);
            }

            private Tensor terms(Tensor xs, Tensor ys, Tensor w) {
                Tensor r = xs.matmul(w).sub(ys);
                return r.mul(r).mean().mul(0.5).add(w.mul(w).sum().mul(LAMBDA / 2));
            }
        };
    }

    private static double[] closedForm() {
        return closedForm(X, Y);
    }

    private static double[] closedForm(Tensor xt, Tensor yt) {
        double[] x = xt.toDoubleArray();
        double[] y = yt.toDoubleArray();
        double[][] a = new double[D][D];
        double[] b = new double[D];
        for (int i = 0; i < N; i++) {
            for (int r = 0; r < D; r++) {
                b[r] += x[i * D + r] * y[i] / N;
                for (int c = 0; c < D; c++) {
                    a[r][c] += x[i * D + r] * x[i * D + c] / N;
                }
            }
        }
        for (int r = 0; r < D; r++) {
            a[r][r] += LAMBDA;
        }
        return Data.solve(a, b);
    }

    private static SolverResult run(FiniteSumSolver solver) {
        return solver.minimize(RIDGE, Tensor.zeros(DType.FLOAT64, Device.CPU, D));
    }

    @Test
    void newtonCgSolvesAQuadraticInAFewSteps() {
        // the inner CG solve is inexact early (residual η|g|₁, η <= 0.5), so a quadratic takes a few outer steps
        SolverResult r = run(new Newton(100, 1e-10));
        assertTrue(r.converged());
        assertTrue(r.iterations() <= 12, "iterations " + r.iterations());
        assertArrayEquals(closedForm(), r.solution().toDoubleArray(), 1e-10);
    }

    @Test
    void deterministicFirstOrderSolversConverge() {
        SolverResult lbfgs = run(new Lbfgs(10, 1000, 1e-8));
        assertTrue(lbfgs.converged());
        assertArrayEquals(closedForm(), lbfgs.solution().toDoubleArray(), 1e-7);
        SolverResult gd = run(new GradientDescent(5000, 1e-9));
        assertTrue(gd.converged());
        assertArrayEquals(closedForm(), gd.solution().toDoubleArray(), 1e-7);
    }

    @Test
    void defaultTolerancesApplyToTheSummedObjective() {
        // tol 1e-6 on n·max|∇F| bounds the mean gradient by 1e-6/120, so the error by that over the smallest curvature
        for (FiniteSumSolver solver : new FiniteSumSolver[] {Lbfgs.defaults(), Newton.defaults()}) {
            SolverResult r = run(solver);
            assertTrue(r.converged(), solver.toString());
            assertArrayEquals(closedForm(), r.solution().toDoubleArray(), 1e-5, solver.toString());
        }
    }

    @Test
    void svrgConvergesLinearlyWithAConstantStep() {
        SolverResult r = run(new Svrg(0.1, 60, 8, 1e-8, 1));
        assertTrue(r.converged(), "gradient tolerance reached in " + r.iterations() + " epochs");
        assertArrayEquals(closedForm(), r.solution().toDoubleArray(), 1e-6);
    }

    @Test
    void averagedSgdGetsCloseAndBeatsItsStartingLoss() {
        SolverResult r = run(new AveragedSgd(0.2, 40, 8, 1e-2, 2));
        double[] exact = closedForm();
        assertArrayEquals(exact, r.solution().toDoubleArray(), 0.05);
        double optimum = RIDGE.loss(Data.vector(exact)).item();
        assertEquals(optimum, r.loss(), 0.01 * optimum);
    }

    @Test
    void newtonAtTheExactOptimumHasConverged() {
        // regression: with features in the ten-thousands the gradient's rounding floor lies above the old 1e-10,
        // so Newton started at (or stepping onto) the optimum found no decrease and reported converged = false
        Tensor x = X.mul(1e4);
        Tensor y = x.matmul(Data.vector(1, -2, 0.5, 3)).add(Data.normal(112, N, 1).reshape(N).mul(1e3));
        FiniteSumObjective ridge = ridge(x, y);
        double[] optimum = closedForm(x, y);
        SolverResult fromOptimum = Newton.defaults().minimize(ridge, Data.vector(optimum));
        assertTrue(fromOptimum.converged(), "converged after " + fromOptimum.iterations() + " iterations");
        // the gradient there is rounding noise above the tolerance: steps that change nothing end the run once they
        // form a streak, and leave the point where it was
        assertTrue(fromOptimum.iterations() <= 6, "iterations " + fromOptimum.iterations());
        assertArrayEquals(optimum, fromOptimum.solution().toDoubleArray(), 1e-9);
        SolverResult fromZero = Newton.defaults().minimize(ridge, Tensor.zeros(DType.FLOAT64, Device.CPU, D));
        assertTrue(fromZero.converged(), "converged after " + fromZero.iterations() + " iterations");
        assertArrayEquals(optimum, fromZero.solution().toDoubleArray(), 1e-9);
    }
}
