package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.nn.Parameter;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** SVRG against plain SGD with the same constant step on a noisy least-squares problem. */
class SVRGTest {

    private static final int N = 40;
    private static final int D = 4;
    private static final int EPOCHS = 12;
    private static final double LR = 0.05;

    private final double[][] x = new double[N][D];
    private final double[] y = new double[N];
    private final Tensor xs;
    private final Tensor ys;

    SVRGTest() {
        java.util.Random r = new java.util.Random(3);
        double[] truth = {1, -2, 0.5, 3};
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                x[i][j] = r.nextGaussian();
                y[i] += x[i][j] * truth[j];
            }
            y[i] += 0.5 * r.nextGaussian();
        }
        xs = Tensor.of(x);
        ys = Tensor.of(y, N);
    }

    /** Mean over the chosen samples of ½(xᵢ·w − yᵢ)². */
    private Tensor loss(Parameter w, int[] idx) {
        Tensor index = Tensor.ofIndices(idx);
        Tensor residual = xs.indexSelect(0, index).matmul(w.get()).sub(ys.indexSelect(0, index));
        return residual.mul(residual).mean().mul(0.5);
    }

    /** The least-squares solution of XᵀX w = Xᵀy by Gaussian elimination in doubles. */
    private double[] exactSolution() {
        double[][] m = new double[D][D + 1];
        for (int i = 0; i < N; i++) {
            for (int a = 0; a < D; a++) {
                for (int b = 0; b < D; b++) {
                    m[a][b] += x[i][a] * x[i][b];
                }
                m[a][D] += x[i][a] * y[i];
            }
        }
        for (int c = 0; c < D; c++) {
            for (int r = c + 1; r < D; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= D; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] w = new double[D];
        for (int r = D - 1; r >= 0; r--) {
            double s = m[r][D];
            for (int k = r + 1; k < D; k++) {
                s -= m[r][k] * w[k];
            }
            w[r] = s / m[r][r];
        }
        return w;
    }

    private double distanceAfterTraining(Function<Parameter, Runnable> makeStep) {
        Parameter w = Parameter.of(Tensor.zeros(DType.FLOAT64, Device.best(), D));
        Runnable step = makeStep.apply(w);
        for (int i = 0; i < EPOCHS * N; i++) {
            step.run();
        }
        double[] opt = exactSolution();
        double[] got = w.get().toDoubleArray();
        double d = 0;
        for (int j = 0; j < D; j++) {
            d += (got[j] - opt[j]) * (got[j] - opt[j]);
        }
        return Math.sqrt(d);
    }

    @Test
    void svrgConvergesWherePlainSgdStallsAtItsNoiseFloor() {
        double svrg = distanceAfterTraining(w -> new SVRG(List.of(w), LR, N, N, idx -> loss(w, idx), new Generator(11))::step);
        double sgd = distanceAfterTraining(w -> {
            SGD opt = new SGD(List.of(w), LR);
            Generator gen = new Generator(11);
            return () -> {
                opt.zeroGrad();
                loss(w, new int[] {gen.nextInt(N)}).backward();
                opt.step();
            };
        });
        assertTrue(svrg < 1e-4, "SVRG should reach the least-squares solution, distance " + svrg);
        assertTrue(svrg < sgd / 100, "SVRG distance " + svrg + " should be far below SGD's " + sgd);
    }
}
