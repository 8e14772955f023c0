package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The first three steps of every optimizer on a quadratic, compared with the update formula
 * evaluated element by element in plain double arithmetic.
 */
class OptimizerUpdateRulesTest {

    /** One reference update: given the step number t (from 1), x and ∇f(x), changes x in place. */
    interface Rule {
        void apply(int t, double[] x, double[] g);
    }

    private static void assertMatchesReference(Function<List<Parameter>, Optimizer> make, Rule rule) {
        Parameter p = Quadratic.startingPoint();
        Optimizer opt = make.apply(List.of(p));
        double[] x = Quadratic.X0.clone();
        for (int t = 1; t <= 3; t++) {
            opt.zeroGrad();
            Quadratic.backward(p);
            opt.step();
            rule.apply(t, x, Quadratic.gradient(x));
            double[] actual = p.get().toDoubleArray();
            for (int i = 0; i < x.length; i++) {
                double tol = 1e-12 * Math.max(1, Math.abs(x[i]));
                assertTrue(Math.abs(actual[i] - x[i]) <= tol, "step " + t + ": expected " + Arrays.toString(x) + " got "
                        + Arrays.toString(actual));
            }
        }
    }

    @Test
    void plainSgdIsGradientDescent() {
        assertMatchesReference(ps -> new SGD(ps, 0.1), (t, x, g) -> {
            for (int i = 0; i < x.length; i++) {
                x[i] -= 0.1 * g[i];
            }
        });
    }

    @Test
    void sgdHeavyBallWithDampeningAndWeightDecay() {
        double lr = 0.05, mu = 0.9, damp = 0.3, wd = 0.01;
        double[] buf = new double[3];
        assertMatchesReference(ps -> new SGD(ps, SGD.options(lr).momentum(mu).dampening(damp).weightDecay(wd)),
                (t, x, g) -> {
                    for (int i = 0; i < x.length; i++) {
                        double d = g[i] + wd * x[i];
                        buf[i] = t == 1 ? d : mu * buf[i] + (1 - damp) * d;
                        x[i] -= lr * buf[i];
                    }
                });
    }

    @Test
    void sgdNesterovWithWeightDecay() {
        double lr = 0.05, mu = 0.8, wd = 0.1;
        double[] buf = new double[3];
        assertMatchesReference(ps -> new SGD(ps, SGD.options(lr).momentum(mu).nesterov(true).weightDecay(wd)),
                (t, x, g) -> {
                    for (int i = 0; i < x.length; i++) {
                        double d = g[i] + wd * x[i];
                        buf[i] = t == 1 ? d : mu * buf[i] + d;
                        x[i] -= lr * (d + mu * buf[i]);
                    }
                });
    }

    @Test
    void legacyMomentumConstructorIsHeavyBall() {
        double[] buf = new double[3];
        assertMatchesReference(ps -> new SGD(ps, 0.1, 0.5), (t, x, g) -> {
            for (int i = 0; i < x.length; i++) {
                buf[i] = t == 1 ? g[i] : 0.5 * buf[i] + g[i];
                x[i] -= 0.1 * buf[i];
            }
        });
    }

    @Test
    void adaGradWithLrDecayAndWeightDecay() {
        double lr = 0.3, decay = 0.1, wd = 0.05, init = 0.2, eps = 1e-10;
        double[] sum = {init, init, init};
        assertMatchesReference(ps -> new AdaGrad(ps, AdaGrad.options(lr).lrDecay(decay).weightDecay(wd)
                .initialAccumulator(init)), (t, x, g) -> {
                    double clr = lr / (1 + (t - 1) * decay);
                    for (int i = 0; i < x.length; i++) {
                        double d = g[i] + wd * x[i];
                        sum[i] += d * d;
                        x[i] -= clr * d / (Math.sqrt(sum[i]) + eps);
                    }
                });
    }

    @Test
    void rmsPropPlain() {
        double lr = 0.01, alpha = 0.9, eps = 1e-8;
        double[] sq = new double[3];
        assertMatchesReference(ps -> new RMSProp(ps, RMSProp.options(lr).alpha(alpha)), (t, x, g) -> {
            for (int i = 0; i < x.length; i++) {
                sq[i] = alpha * sq[i] + (1 - alpha) * g[i] * g[i];
                x[i] -= lr * g[i] / (Math.sqrt(sq[i]) + eps);
            }
        });
    }

    @Test
    void rmsPropCenteredWithMomentumAndWeightDecay() {
        double lr = 0.01, alpha = 0.8, eps = 1e-6, mu = 0.7, wd = 0.02;
        double[] sq = new double[3];
        double[] mean = new double[3];
        double[] buf = new double[3];
        assertMatchesReference(ps -> new RMSProp(ps, RMSProp.options(lr).alpha(alpha).eps(eps).momentum(mu).centered(true)
                .weightDecay(wd)), (t, x, g) -> {
                    for (int i = 0; i < x.length; i++) {
                        double d = g[i] + wd * x[i];
                        sq[i] = alpha * sq[i] + (1 - alpha) * d * d;
                        mean[i] = alpha * mean[i] + (1 - alpha) * d;
                        double denom = Math.sqrt(sq[i] - mean[i] * mean[i]) + eps;
                        buf[i] = mu * buf[i] + d / denom;
                        x[i] -= lr * buf[i];
                    }
                });
    }

    /** Adam's reference; {@code decoupled} selects AdamW's weight decay, {@code amsgrad} the running max. */
    private static Rule adamRule(double lr, double b1, double b2, double eps, double wd, boolean decoupled, boolean amsgrad,
            boolean[] maxWasActive) {
        double[] m = new double[3];
        double[] v = new double[3];
        double[] vmax = new double[3];
        return (t, x, g) -> {
            for (int i = 0; i < x.length; i++) {
                double d = g[i];
                if (decoupled) {
                    x[i] *= 1 - lr * wd;
                } else {
                    d += wd * x[i];
                }
                m[i] = b1 * m[i] + (1 - b1) * d;
                v[i] = b2 * v[i] + (1 - b2) * d * d;
                if (vmax[i] > v[i]) {
                    maxWasActive[0] = true;
                }
                vmax[i] = Math.max(vmax[i], v[i]);
                double second = amsgrad ? vmax[i] : v[i];
                double denom = Math.sqrt(second) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
                x[i] -= lr / (1 - Math.pow(b1, t)) * m[i] / denom;
            }
        };
    }

    @Test
    void adamWithL2WeightDecay() {
        boolean[] unused = new boolean[1];
        assertMatchesReference(ps -> new Adam(ps, Adam.options(0.1).weightDecay(0.05)),
                adamRule(0.1, 0.9, 0.999, 1e-8, 0.05, false, false, unused));
    }

    @Test
    void adamAmsGradUsesTheRunningMaximum() {
        // a fast-forgetting second moment and a big step make some v shrink, so the maximum matters
        boolean[] maxWasActive = new boolean[1];
        assertMatchesReference(ps -> new Adam(ps, Adam.options(0.5).betas(0.5, 0.3).amsgrad(true)),
                adamRule(0.5, 0.5, 0.3, 1e-8, 0, false, true, maxWasActive));
        assertTrue(maxWasActive[0], "the test must exercise a step where max(v̂, v) != v");
    }

    @Test
    void adamWDecouplesWeightDecay() {
        boolean[] unused = new boolean[1];
        assertMatchesReference(ps -> new AdamW(ps, AdamW.options(0.1).weightDecay(0.2)),
                adamRule(0.1, 0.9, 0.999, 1e-8, 0.2, true, false, unused));
    }

    @Test
    void adamWDiffersFromAdamWithTheSameDecay() {
        Parameter a = Quadratic.startingPoint();
        Parameter w = Quadratic.startingPoint();
        Optimizer adam = new Adam(List.of(a), Adam.options(0.1).weightDecay(0.2));
        Optimizer adamw = new AdamW(List.of(w), AdamW.options(0.1).weightDecay(0.2));
        for (int t = 0; t < 3; t++) {
            Quadratic.backward(a);
            Quadratic.backward(w);
            adam.step();
            adamw.step();
            adam.zeroGrad();
            adamw.zeroGrad();
        }
        double[] pa = a.get().toDoubleArray();
        double[] pw = w.get().toDoubleArray();
        assertTrue(Math.abs(pa[2] - pw[2]) > 1e-4, "L2 and decoupled decay must give different iterates");
    }

    @Test
    void stepSkipsParametersWithoutGradient() {
        Parameter p = Quadratic.startingPoint();
        new SGD(List.of(p), 0.1).step();
        assertArrayEquals(Quadratic.X0, p.get().toDoubleArray(), 0);
    }
}
