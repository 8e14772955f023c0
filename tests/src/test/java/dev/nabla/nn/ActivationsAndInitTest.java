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
import dev.nabla.Generator;
import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;

/** Activations against closed forms and gradient checks; initialisers against their target statistics. */
class ActivationsAndInitTest {

    private static final Tensor POINTS = Tensor.of(new double[] {-2, -0.5, 0, 1, 3});

    @Test
    void activationValues() {
        double[] x = POINTS.toDoubleArray();
        double[] gelu = new double[5];
        double[] silu = new double[5];
        double[] elu = new double[5];
        double[] softplus = new double[5];
        for (int i = 0; i < 5; i++) {
            double phi = 0.5 * (1 + erf(x[i] / Math.sqrt(2)));
            gelu[i] = x[i] * phi;
            silu[i] = x[i] / (1 + Math.exp(-x[i]));
            elu[i] = x[i] > 0 ? x[i] : 0.7 * (Math.exp(x[i]) - 1);
            softplus[i] = Math.log1p(Math.exp(2 * x[i])) / 2;
        }
        assertClose(gelu, Activation.gelu().forward(POINTS), 1e-7);
        assertClose(silu, Activation.silu().forward(POINTS), 1e-12);
        assertClose(elu, Activation.elu(0.7).forward(POINTS), 1e-12);
        assertClose(softplus, Activation.softplus(2, 20).forward(POINTS), 1e-12);
        assertClose(new double[] {-0.2, -0.05, 0, 1, 3}, Activation.leakyRelu(0.1).forward(POINTS), 1e-12);
        // the tanh approximation stays within 1e-3 of the exact GELU
        assertClose(gelu, Activations.geluTanh(POINTS), 1e-3);
        // above the threshold softplus is the identity, even where exp would overflow
        assertClose(new double[] {1000}, Activations.softplus(Tensor.of(new double[] {1000}), 1, 20), 0);
        assertClose(new double[] {0}, Activations.softplus(Tensor.of(new double[] {-1000}), 1, 20), 0);
    }

    /** erf by its Taylor series, an independent reference that converges quickly for |z| <= 3. */
    private static double erf(double z) {
        double sum = 0;
        double term = z;
        for (int n = 0; n < 60; n++) {
            sum += term / (2 * n + 1);
            term *= -z * z / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    @Test
    void activationGradientsAtKinksMatchPyTorch() {
        Tensor x = Tensor.of(new double[] {0}).requiresGrad(true);
        Activations.softplus(x, 1, 20).sum().backward();
        assertClose(0.5, x.grad(), 1e-12);
        Tensor y = Tensor.of(new double[] {0}).requiresGrad(true);
        Activations.leakyRelu(y, 0.1).sum().backward();
        assertClose(0.1, y.grad(), 1e-12);
        Tensor z = Tensor.of(new double[] {0, 800}).requiresGrad(true);
        Activations.elu(z, 1).sum().backward();
        assertClose(new double[] {1, 1}, z.grad(), 1e-12);
    }

    @Test
    void activationGradchecks() {
        Tensor x = randn64(1, 2, 3);
        assertGradients(in -> Activations.gelu(in[0]), x);
        assertGradients(in -> Activations.geluTanh(in[0]), x);
        assertGradients(in -> Activations.silu(in[0]), x);
        assertGradients(in -> Activations.elu(in[0], 1.3), x);
        assertGradients(in -> Activations.softplus(in[0], 1.5, 20), x);
        assertGradients(in -> Activations.leakyRelu(in[0], 0.2), x);
        assertSecondOrder(in -> Activations.softplus(in[0], 1, 20), randn64(2, 4));
        assertGradients(in -> Functional.softmax(in[0], 1), x);
        assertGradients(in -> Functional.logSoftmax(in[0], 0), x);
    }

    @Test
    void preluLearnsPerChannelSlopes() {
        PReLU prelu = new PReLU(2, 0.25);
        Tensor x = Tensor.of(new float[] {-4, 2, -8, -1}, 1, 2, 2);
        assertClose(new double[] {-1, 2, -2, -0.25}, prelu.forward(x), 1e-7);
        assertGradients(in -> Activations.prelu(in[0], in[1]), randn64(3, 2, 3, 2), randn64(4, 3));
        assertClose(new double[] {-1, 2, -2, -0.25}, new PReLU().forward(x), 1e-7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PReLU(3, 0.25).forward(x));
        assertTrue(e.getMessage().contains("prelu") && e.getMessage().contains("[1, 2, 2]"), e.getMessage());
        assertEquals("Softmax(dim=1)", Activation.softmax(1).toString());
        assertEquals("ReLU()", Activation.relu().toString());
    }

    private static double[] meanAndStd(Tensor t) {
        double[] v = t.toDoubleArray();
        double mean = 0;
        for (double d : v) {
            mean += d / v.length;
        }
        double var = 0;
        for (double d : v) {
            var += (d - mean) * (d - mean) / v.length;
        }
        return new double[] {mean, Math.sqrt(var)};
    }

    private static double maxAbs(Tensor t) {
        double m = 0;
        for (double d : t.toDoubleArray()) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }

    @Test
    void gainsAndFans() {
        assertEquals(5.0 / 3, Init.calculateGain(Init.Nonlinearity.TANH), 1e-15);
        assertEquals(Math.sqrt(2), Init.calculateGain(Init.Nonlinearity.RELU), 1e-15);
        assertEquals(Math.sqrt(2 / 1.0001), Init.calculateGain(Init.Nonlinearity.LEAKY_RELU), 1e-15);
        assertEquals(Math.sqrt(2 / 1.25), Init.calculateGain(Init.Nonlinearity.LEAKY_RELU, 0.5), 1e-15);
        assertEquals(1, Init.calculateGain(Init.Nonlinearity.CONV));
        assertEquals(0.75, Init.calculateGain(Init.Nonlinearity.SELU));
        int[] fans = Init.fans(Tensor.zeros(8, 3, 3, 3));
        assertEquals(27, fans[0]);
        assertEquals(72, fans[1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Init.fans(Tensor.zeros(5)));
        assertTrue(e.getMessage().contains("[5]"), e.getMessage());
    }

    @Test
    void xavierAndKaimingHitTheirBoundsAndStds() {
        Generator gen = new Generator(42);
        Tensor t = Tensor.zeros(DType.FLOAT64, Device.best(), 200, 300);
        double bound = 2 * Math.sqrt(6.0 / 500);
        Init.xavierUniform(t, 2, gen);
        assertTrue(maxAbs(t) <= bound && maxAbs(t) > 0.99 * bound, "max " + maxAbs(t) + " bound " + bound);
        assertEquals(bound / Math.sqrt(3), meanAndStd(t)[1], 0.02 * bound);
        Init.xavierNormal(t, 1, gen);
        assertEquals(Math.sqrt(2.0 / 500), meanAndStd(t)[1], 0.02 * Math.sqrt(2.0 / 500));
        Init.kaimingNormal(t, 0, Init.FanMode.FAN_IN, Init.Nonlinearity.RELU, gen);
        double std = Math.sqrt(2) / Math.sqrt(300);
        assertEquals(0, meanAndStd(t)[0], 0.02 * std);
        assertEquals(std, meanAndStd(t)[1], 0.02 * std);
        Init.kaimingUniform(t, 0, Init.FanMode.FAN_OUT, Init.Nonlinearity.RELU, gen);
        double kb = Math.sqrt(3) * Math.sqrt(2) / Math.sqrt(200);
        assertTrue(maxAbs(t) <= kb && maxAbs(t) > 0.99 * kb, "max " + maxAbs(t) + " bound " + kb);
    }

    @Test
    void simpleFillersAndParametersInPlace() {
        Linear lin = new Linear(3, 2);
        Init.constant(lin.weight().get(), 0.5);
        Init.zeros(lin.bias().get());
        assertClose(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, lin.weight().get(), 0);
        assertTrue(lin.weight().get().requiresGrad());
        Init.ones(lin.bias().get());
        assertClose(new double[] {1, 1}, lin.bias().get(), 0);
        Tensor u = Init.uniform(Tensor.zeros(1000), -3, -1, new Generator(1));
        double[] v = u.toDoubleArray();
        assertTrue(java.util.Arrays.stream(v).allMatch(d -> d >= -3 && d < -1));
        assertEquals(5, meanAndStd(Init.normal(Tensor.zeros(4000), 5, 2, new Generator(2)))[0], 0.1);
    }

    @Test
    void orthogonalRowsOrColumnsAreOrthonormal() {
        for (int[] shape : new int[][] {{5, 8}, {8, 5}, {4, 2, 3}}) {
            Tensor t = Init.orthogonal(Tensor.zeros(DType.FLOAT64, Device.best(), shape), 1.5, new Generator(3));
            Tensor m = t.reshape(shape[0], -1);
            Tensor gram = m.size(0) <= m.size(1) ? m.matmul(m.t()) : m.t().matmul(m);
            int n = gram.size(0);
            assertTrue(gram.allClose(Tensor.eye(n, DType.FLOAT64, Device.best()).mul(2.25), 1e-9, 1e-9), gram.toString());
        }
    }

    @Test
    void layerDefaultsMatchPyTorch() {
        Embedding e = new Embedding(100, 50);
        double[] ms = meanAndStd(e.weight().get());
        assertEquals(0, ms[0], 0.05);
        assertEquals(1, ms[1], 0.05);
        BatchNorm2d bn = new BatchNorm2d(3);
        assertClose(new double[] {1, 1, 1}, bn.weight().get(), 0);
        assertClose(new double[] {0, 0, 0}, bn.bias().get(), 0);
        assertClose(new double[] {1, 1, 1}, bn.runningVar().get(), 0);
        assertEquals(java.util.Set.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
                bn.stateDict().keySet());
        assertEquals(java.util.Set.of("weight", "bias"), bn.namedParameters().keySet());
    }
}
