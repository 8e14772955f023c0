package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.backend.fast.BiasActivationKernel;
import dev.nabla.backend.fast.FusedActivation;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Functional#biasActivation} and the fusion {@link Sequential} applies: values and input
 * gradients equal the separate float32 add and activation bit for bit, the bias gradient matches a
 * float64 reference, and second derivatives go through the composed rules.
 */
class BiasActivationTest {

    /** Shapes with their channel dimension: linear rows (inner 1), convolution planes, a long run of planes. */
    private static final int[][] SHAPES = {{5, 7}, {3, 4, 5, 6}, {2, 3, 1}, {4, 16, 40, 40}, {0, 4}};
    private static final int[] DIMS = {-1, 1, 1, 1, 1};

    private static Tensor randn(long seed, DType dtype, int... shape) {
        return Tensor.normal(new Generator(seed), 0, 1, dtype, Device.best(), shape);
    }

    private static Tensor alongDim(Tensor bias, int rank, int dim) {
        int[] shape = new int[rank];
        Arrays.fill(shape, 1);
        shape[dim < 0 ? dim + rank : dim] = bias.size(0);
        return bias.reshape(shape);
    }

    private static UnaryOperator<Tensor> separate(FusedActivation act) {
        return switch (act) {
            case RELU -> Tensor::relu;
            case SIGMOID -> Tensor::sigmoid;
            case TANH -> Tensor::tanh;
        };
    }

    @ParameterizedTest
    @EnumSource(FusedActivation.class)
    void matchesSeparateOpsForwardAndBackward(FusedActivation act) {
        for (int s = 0; s < SHAPES.length; s++) {
            int[] shape = SHAPES[s];
            int dim = DIMS[s];
            int channels = shape[dim < 0 ? dim + shape.length : dim];
            Tensor x = randn(10 + s, DType.FLOAT32, shape).requiresGrad(true);
            Tensor bias = randn(20 + s, DType.FLOAT32, channels).requiresGrad(true);
            Tensor weights = randn(30 + s, DType.FLOAT32, shape);
            Tensor fused = Functional.biasActivation(x, bias, dim, act);
            if (x.backend().fastPath(BiasActivationKernel.class).isPresent() && x.numel() > 0) {
                assertEquals("biasActivation", fused.gradFn().op(), "the fused path ran");
            }
            Tensor[] fusedGrads = Autograd.grad(fused.mul(weights).sum(), x, bias);

            Tensor composed = separate(act).apply(x.add(alongDim(bias, shape.length, dim)));
            Tensor[] composedGrads = Autograd.grad(composed.mul(weights).sum(), x, bias);
            String where = act + " " + Arrays.toString(shape);
            assertArrayEquals(composed.toFloatArray(), fused.toFloatArray(), where + " forward");
            assertArrayEquals(composedGrads[0].toFloatArray(), fusedGrads[0].toFloatArray(), where + " input gradient");

            // the bias gradient against float64 arithmetic on the same values
            Tensor x64 = x.detach().to(DType.FLOAT64);
            Tensor b64 = bias.detach().to(DType.FLOAT64).requiresGrad(true);
            Tensor y64 = separate(act).apply(x64.add(alongDim(b64, shape.length, dim)));
            double[] expected = Autograd.grad(y64.mul(weights.to(DType.FLOAT64)).sum(), b64)[0].toDoubleArray();
            double[] got = fusedGrads[1].toDoubleArray();
            double scale = Math.sqrt((double) Math.max(1, x.numel()) / channels);
            for (int c = 0; c < channels; c++) {
                assertEquals(expected[c], got[c], 1e-5 * scale * Math.max(1, Math.abs(expected[c])), where + " bias gradient " + c);
            }
        }
    }

    @Test
    void reluAtZeroAndNonFiniteInputsFollowTheSeparateOps() {
        Tensor x = Tensor.of(new float[] {-1, 0, 1, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}, 2, 3)
                .requiresGrad(true);
        Tensor bias = Tensor.of(new float[] {1, 0, -1}, 3).requiresGrad(true);
        Tensor y = Functional.biasActivation(x, bias, 1, FusedActivation.RELU);
        // x + b = [0, 0, 0, NaN, inf, -inf]; ReLU keeps NaN (as PyTorch's does), like the separate op
        assertArrayEquals(new float[] {0, 0, 0, Float.NaN, Float.POSITIVE_INFINITY, 0}, y.toFloatArray());
        Tensor[] g = Autograd.grad(y.sum(), x, bias);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 0}, g[0].toFloatArray());
        assertArrayEquals(new float[] {0, 1, 0}, g[1].toFloatArray());
    }

    @Test
    void worksOnNonContiguousInput() {
        Tensor base = randn(3, DType.FLOAT32, 6, 4).requiresGrad(true);
        Tensor bias = randn(4, DType.FLOAT32, 6).requiresGrad(true);
        // [4, 6] with transposed strides, channels last; one view per graph
        Tensor fused = Functional.biasActivation(base.t(), bias, 1, FusedActivation.TANH);
        Tensor composed = base.t().add(bias.reshape(1, 6)).tanh();
        assertArrayEquals(composed.toFloatArray(), fused.toFloatArray());
        Tensor[] gf = Autograd.grad(fused.sum(), base, bias);
        Tensor[] gc = Autograd.grad(composed.sum(), base, bias);
        assertArrayEquals(gc[0].toFloatArray(), gf[0].toFloatArray());
        assertArrayEquals(gc[1].toFloatArray(), gf[1].toFloatArray(), 1e-6f);
    }

    @ParameterizedTest
    @EnumSource(FusedActivation.class)
    void secondDerivativesFollowTheComposedRules(FusedActivation act) {
        Tensor x = randn(5, DType.FLOAT32, 3, 4).requiresGrad(true);
        Tensor bias = randn(6, DType.FLOAT32, 4).requiresGrad(true);
        Tensor w = randn(7, DType.FLOAT32, 3, 4);
        Tensor[] first = Autograd.grad(new Tensor[] {Functional.biasActivation(x, bias, -1, act).mul(w).sum()}, null,
                new Tensor[] {x, bias}, true, true);
        Tensor[] second = Autograd.grad(first[0].pow(2).sum().add(first[1].pow(2).sum()), x, bias);
        Tensor[] firstRef = Autograd.grad(new Tensor[] {separate(act).apply(x.add(bias)).mul(w).sum()}, null,
                new Tensor[] {x, bias}, true, true);
        Tensor[] secondRef = Autograd.grad(firstRef[0].pow(2).sum().add(firstRef[1].pow(2).sum()), x, bias);
        assertArrayEquals(secondRef[0].toFloatArray(), second[0].toFloatArray(), 1e-5f, act + " d/dx");
        assertArrayEquals(secondRef[1].toFloatArray(), second[1].toFloatArray(), 1e-5f, act + " d/dbias");
    }

    @Test
    void float64TakesTheComposedOpsAndPassesGradcheck() {
        NnAssert.assertGradients(in -> Functional.biasActivation(in[0], in[1], 1, FusedActivation.SIGMOID),
                NnAssert.randn64(1, 2, 3, 2, 2), NnAssert.randn64(2, 3));
        NnAssert.assertSecondOrder(in -> Functional.biasActivation(in[0], in[1], -1, FusedActivation.TANH),
                NnAssert.randn64(3, 2, 3), NnAssert.randn64(4, 3));
    }

    @Test
    void rejectsABiasOfTheWrongShapeNamingBoth() {
        Tensor x = Tensor.zeros(2, 3, 4, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Functional.biasActivation(x, Tensor.zeros(4), 1, FusedActivation.RELU));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[2, 3, 4, 4]")
                && e.getMessage().contains("[4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Functional.biasActivation(x, Tensor.zeros(3), 4, FusedActivation.RELU));
        assertThrows(IllegalArgumentException.class,
                () -> Functional.biasActivation(x, Tensor.zeros(1, 3), 1, FusedActivation.RELU));
    }

    @Test
    void nullBiasIsTheActivationAlone() {
        Tensor x = randn(8, DType.FLOAT32, 4, 5);
        assertArrayEquals(x.sigmoid().toFloatArray(),
                Functional.biasActivation(x, null, 1, FusedActivation.SIGMOID).toFloatArray());
    }

    @Test
    void sequentialFusesLinearAndConvWithTheirActivationsAndKeepsValues() {
        Sequential net = new Sequential(new Conv2d(2, 3, 3, 1, 1), Activation.relu(), new Flatten(),
                new Linear(3 * 5 * 5, 6), Activation.tanh(), new Linear(6, 4, false), Activation.sigmoid(),
                new Linear(4, 2), Activation.gelu());
        Tensor x = randn(9, DType.FLOAT32, 2, 2, 5, 5);
        Tensor fused = net.forward(x);
        fused.sum().backward();
        float[][] fusedGrads = net.parameters().stream().map(p -> p.get().grad().toFloatArray()).toArray(float[][]::new);
        net.zeroGrad();

        Tensor separate = x;
        for (int i = 0; i < net.size(); i++) {
            separate = net.get(i).forward(separate);
        }
        separate.sum().backward();
        assertArrayEquals(separate.toFloatArray(), fused.toFloatArray());
        for (int i = 0; i < fusedGrads.length; i++) {
            float[] expected = net.parameters().get(i).get().grad().toFloatArray();
            assertArrayEquals(expected, fusedGrads[i], 1e-5f, "parameter " + i);
        }
    }

    @Test
    void sequentialFusesConv1dToo() {
        Conv1d conv = new Conv1d(3, 4, 3, 1, 1, 1, 1, true);
        Sequential net = new Sequential(conv, Activation.tanh());
        Tensor x = randn(12, DType.FLOAT32, 2, 3, 9);
        Tensor fused = net.forward(x);
        if (x.backend().fastPath(BiasActivationKernel.class).isPresent()) {
            assertEquals("biasActivation", fused.gradFn().op(), "the fused path ran");
        }
        assertArrayEquals(conv.forward(x).tanh().toFloatArray(), fused.toFloatArray());
    }

    @Test
    void sequentialLeavesSubclassesThatOverrideForwardAlone() {
        Linear doubled = new Linear(3, 3) {
            @Override
            public Tensor forward(Tensor input) {
                return super.forward(input).mul(2);
            }
        };
        Sequential net = new Sequential(doubled, Activation.relu());
        Tensor x = randn(11, DType.FLOAT32, 2, 3);
        assertArrayEquals(doubled.forward(x).relu().toFloatArray(), net.forward(x).toFloatArray());
    }
}
