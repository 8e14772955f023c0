package dev.nabla.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradCheck;
import dev.nabla.backend.fast.GruCellKernel;
import dev.nabla.nn.Module;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RecurrentLayerTest {

    private static final int T = 4;
    private static final int B = 3;
    private static final int I = 2;
    private static final int H = 3;

    private static RecurrentLayer layer(String kind, RecurrentOptions o) {
        return switch (kind) {
            case "tanh" -> new RNN(o, false);
            case "relu" -> new RNN(o, true);
            case "lstm" -> new LSTM(o);
            default -> new GRU(o);
        };
    }

    private static double[][] matrix(Tensor t) {
        double[] v = t.toDoubleArray();
        int rows = t.size(0);
        int cols = t.size(1);
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(v, r * cols, m[r], 0, cols);
        }
        return m;
    }

    private static double[][][] cube(Tensor t) {
        double[][][] c = new double[t.size(0)][][];
        for (int i = 0; i < c.length; i++) {
            c[i] = matrix(t.select(0, i));
        }
        return c;
    }

    private static double[] flat(double[][][] c) {
        return java.util.Arrays.stream(c).flatMap(java.util.Arrays::stream).flatMapToDouble(java.util.Arrays::stream)
                .toArray();
    }

    private static double[][][][] reference(String kind, Module m, String suffix, double[][][] x, double[][] h0,
            double[][] c0, boolean reverse, int[] lengths) {
        Map<String, Tensor> s = m.stateDict();
        return RecurrentReference.run(kind, x, matrix(s.get("weight_ih" + suffix)), matrix(s.get("weight_hh" + suffix)),
                s.get("bias_ih" + suffix).toDoubleArray(), s.get("bias_hh" + suffix).toDoubleArray(), h0, c0, reverse,
                lengths);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "relu", "lstm", "gru"})
    void oneLayerMatchesTheGateEquationsWithInitialState(String kind) {
        Generator.manualSeed(7);
        RecurrentLayer m = layer(kind, RecurrentOptions.of(I, H));
        Tensor x = Tensor.randn(T, B, I);
        Tensor h0 = Tensor.randn(1, B, H).mul(0.5);
        Tensor c0 = Tensor.randn(1, B, H).mul(0.5);
        RecurrentOutput out = m.run(x, h0, c0, null);
        double[][][][] ref = reference(kind, m, "_l0", cube(x), matrix(h0.select(0, 0)),
                kind.equals("lstm") ? matrix(c0.select(0, 0)) : null, false, null);
        assertArrayEquals(flat(ref[0]), out.output().toDoubleArray(), 1e-5);
        assertArrayEquals(flat(ref[1]), out.hidden().toDoubleArray(), 1e-5);
        if (kind.equals("lstm")) {
            assertArrayEquals(flat(ref[2]), out.cell().toDoubleArray(), 1e-5);
        }
    }

    @Test
    void bidirectionalTwoLayerBatchFirstLstmMatchesReference() {
        Generator.manualSeed(11);
        RecurrentLayer m = new LSTM(RecurrentOptions.of(I, H).withLayers(2).withBidirectional(true).withBatchFirst(true));
        Tensor xBatchFirst = Tensor.randn(B, T, I);
        RecurrentOutput out = m.run(xBatchFirst, null, null, null);
        assertEquals(dev.nabla.Shape.of(B, T, 2 * H), out.output().shape());
        double[][] zeros = new double[B][H];
        double[][][] x = cube(xBatchFirst.transpose(0, 1).contiguous());
        double[][][] fwd = reference("lstm", m, "_l0", x, zeros, zeros, false, null)[0];
        double[][][] bwd = reference("lstm", m, "_l0_reverse", x, zeros, zeros, true, null)[0];
        double[][][] layer1In = concat(fwd, bwd);
        double[][][][] f1 = reference("lstm", m, "_l1", layer1In, zeros, zeros, false, null);
        double[][][][] b1 = reference("lstm", m, "_l1_reverse", layer1In, zeros, zeros, true, null);
        double[][][] expected = concat(f1[0], b1[0]);
        assertArrayEquals(flat(expected), out.output().transpose(0, 1).contiguous().toDoubleArray(), 1e-5);
        // final states are ordered layer-major, forward before reverse
        assertArrayEquals(flat(f1[1]), out.hidden().select(0, 2).toDoubleArray(), 1e-5);
        assertArrayEquals(flat(b1[1]), out.hidden().select(0, 3).toDoubleArray(), 1e-5);
    }

    private static double[][][] concat(double[][][] a, double[][][] b) {
        double[][][] out = new double[a.length][a[0].length][];
        for (int t = 0; t < a.length; t++) {
            for (int i = 0; i < a[0].length; i++) {
                double[] row = java.util.Arrays.copyOf(a[t][i], a[t][i].length + b[t][i].length);
                System.arraycopy(b[t][i], 0, row, a[t][i].length, b[t][i].length);
                out[t][i] = row;
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru"})
    void maskedVariableLengthBatchesIgnorePaddedSteps(String kind) {
        Generator.manualSeed(5);
        RecurrentLayer m = layer(kind, RecurrentOptions.of(I, H).withBidirectional(true));
        Tensor x = Tensor.randn(T, B, I).requiresGrad(true);
        int[] lengths = {4, 2, 1};
        RecurrentOutput out = m.run(x, null, null, Tensor.ofIndices(lengths, B));
        double[][] zeros = new double[B][H];
        double[][][] xs = cube(x.detach());
        double[][][][] f = reference(kind, m, "_l0", xs, zeros, zeros, false, lengths);
        double[][][][] r = reference(kind, m, "_l0_reverse", xs, zeros, zeros, true, lengths);
        assertArrayEquals(flat(concat(f[0], r[0])), out.output().toDoubleArray(), 1e-5);
        assertArrayEquals(flat(f[1]), out.hidden().select(0, 0).toDoubleArray(), 1e-5);
        assertArrayEquals(flat(r[1]), out.hidden().select(0, 1).toDoubleArray(), 1e-5);
        // padded inputs receive no gradient
        out.output().sum().add(out.hidden().sum()).backward();
        double[] g = x.grad().toDoubleArray();
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < B; b++) {
                for (int i = 0; i < I; i++) {
                    double v = g[(t * B + b) * I + i];
                    if (t >= lengths[b]) {
                        assertEquals(0.0, v, 0.0, "gradient at padded step t=" + t + " b=" + b);
                    }
                }
            }
        }
    }

    @Test
    void anOutputPrintsShapesNotValues() {
        Generator.manualSeed(3);
        RecurrentOutput lstm = new LSTM(RecurrentOptions.of(I, H)).run(Tensor.randn(T, B, I), null, null, null);
        assertEquals("RecurrentOutput[output=[" + T + ", " + B + ", " + H + "] float32 cpu, hidden=[1, " + B + ", " + H
                + "] float32 cpu, cell=[1, " + B + ", " + H + "] float32 cpu]", lstm.toString());
        RecurrentOutput gru = new GRU(RecurrentOptions.of(I, H)).run(Tensor.randn(T, B, I), null, null, null);
        assertTrue(gru.toString().endsWith("cell=null]"), gru.toString());
    }

    @Test
    void maskAndLengthsAgree() {
        Generator.manualSeed(9);
        RecurrentLayer m = new GRU(RecurrentOptions.of(I, H).withBatchFirst(true));
        Tensor x = Tensor.randn(B, T, I);
        Tensor mask = Tensor.of(new float[] {1, 1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1}, B, T);
        Tensor byMask = m.run(x, null, null, mask).output();
        Tensor byLengths = m.run(x, null, null, Tensor.ofIndices(new int[] {3, 1, 4}, B)).output();
        assertTrue(byMask.allClose(byLengths, 0, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "lstm", "gru"})
    void gradientsMatchFiniteDifferences(String kind) {
        Generator.manualSeed(3);
        RecurrentLayer m = layer(kind, RecurrentOptions.of(2, 2).withBidirectional(true));
        m.to(DType.FLOAT64);
        Tensor x = Tensor.randn(3, 2, 2).to(DType.FLOAT64).requiresGrad(true);
        Tensor h0 = Tensor.randn(2, 2, 2).to(DType.FLOAT64).requiresGrad(true);
        Tensor wih = m.namedParameters().get("weight_ih_l0").get();
        Tensor whhReverse = m.namedParameters().get("weight_hh_l0_reverse").get();
        Tensor bias = m.namedParameters().get("bias_hh_l0").get();
        var result = GradCheck.check(in -> {
            m.namedParameters().get("weight_ih_l0").set(in[2]);
            m.namedParameters().get("weight_hh_l0_reverse").set(in[3]);
            m.namedParameters().get("bias_hh_l0").set(in[4]);
            return m.run(in[0], in[1], null, Tensor.ofIndices(new int[] {3, 2}, 2)).output();
        }, x, h0, wih, whhReverse, bias);
        assertTrue(result.passed(), result.toString());
    }

    @Test
    void fusedLstmCellHasCorrectFirstAndSecondDerivatives() {
        Generator.manualSeed(21);
        LSTMCell cell = new LSTMCell(2, 3);
        cell.to(DType.FLOAT64);
        Tensor x = Tensor.randn(2, 2).to(DType.FLOAT64).requiresGrad(true);
        Tensor h = Tensor.randn(2, 3).to(DType.FLOAT64).requiresGrad(true);
        Tensor c = Tensor.randn(2, 3).to(DType.FLOAT64).requiresGrad(true);
        var first = GradCheck.check(in -> {
            Tensor[] s = cell.step(in[0], in[1], in[2]);
            return Tensor.cat(1, s[0], s[1]);
        }, x, h, c);
        assertTrue(first.passed(), first.toString());
        var second = GradCheck.checkSecondOrder(in -> {
            Tensor[] s = cell.step(in[0], in[1], in[2]);
            return s[0].mul(s[1]);
        }, x, h, c);
        assertTrue(second.passed(), second.toString());
    }

    @Test
    void fusedGruCellHasCorrectFirstAndSecondDerivatives() {
        Generator.manualSeed(22);
        GRUCell cell = new GRUCell(2, 3);
        cell.to(DType.FLOAT64);
        Tensor x = Tensor.randn(2, 2).to(DType.FLOAT64).requiresGrad(true);
        Tensor h = Tensor.randn(2, 3).to(DType.FLOAT64).requiresGrad(true);
        Tensor out = cell.step(x, h, null)[0];
        if (out.backend().fastPath(GruCellKernel.class).isPresent()) {
            assertEquals("gruCell", out.gradFn().op(), "the fused step ran");
        }
        var first = GradCheck.check(in -> cell.step(in[0], in[1], null)[0], x, h);
        assertTrue(first.passed(), first.toString());
        var second = GradCheck.checkSecondOrder(in -> cell.step(in[0], in[1], null)[0].mul(in[1]), x, h);
        assertTrue(second.passed(), second.toString());
        // the differentiable gradient that createGraph records equals the kernel's
        Tensor seed = Tensor.randn(2, 3).to(DType.FLOAT64);
        Tensor[] kernel = Autograd.grad(new Tensor[] {cell.step(x, h, null)[0]}, new Tensor[] {seed},
                new Tensor[] {x, h}, false, false);
        Tensor[] recorded = Autograd.grad(new Tensor[] {cell.step(x, h, null)[0]}, new Tensor[] {seed},
                new Tensor[] {x, h}, true, true);
        for (int i = 0; i < 2; i++) {
            assertTrue(kernel[i].allClose(recorded[i].detach(), 1e-12, 1e-12), kernel[i] + " vs " + recorded[i]);
        }
    }

    @Test
    void cellsAgreeWithOneStepOfTheLayer() {
        Generator.manualSeed(13);
        LSTMCell cell = new LSTMCell(I, H, true, 1.0);
        LSTM layer = new LSTM(RecurrentOptions.of(I, H));
        Map<String, Tensor> renamed = new java.util.HashMap<>();
        cell.stateDict().forEach((k, v) -> renamed.put(k + "_l0", v));
        layer.loadStateDict(renamed, true);
        Tensor x = Tensor.randn(B, I);
        Tensor h = Tensor.randn(B, H);
        Tensor c = Tensor.randn(B, H);
        Tensor[] step = cell.step(x, h, c);
        RecurrentOutput out = layer.run(x.unsqueeze(0), h.unsqueeze(0), c.unsqueeze(0), null);
        assertTrue(step[0].allClose(out.hidden().select(0, 0), 1e-6, 1e-6));
        assertTrue(step[1].allClose(out.cell().select(0, 0), 1e-6, 1e-6));
        // forget bias initialised to 1 across b_ih + b_hh
        Tensor forget = cell.stateDict().get("bias_ih").narrow(0, H, H).add(cell.stateDict().get("bias_hh").narrow(0, H, H));
        assertTrue(forget.allClose(Tensor.ones(H)));
    }

    @Test
    void badInputsAreNamed() {
        LSTM m = new LSTM(RecurrentOptions.of(I, H));
        var wrongFeatures = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(T, B, I + 1)));
        assertTrue(wrongFeatures.getMessage().contains("expected input [time, batch, 2]"), wrongFeatures.getMessage());
        var wrongHidden = assertThrows(IllegalArgumentException.class,
                () -> m.run(Tensor.zeros(T, B, I), Tensor.zeros(1, B, H + 1), null, null));
        assertTrue(wrongHidden.getMessage().contains("h0 must have shape [1, 3, 3]"), wrongHidden.getMessage());
        var tooLong = assertThrows(IllegalArgumentException.class,
                () -> m.run(Tensor.zeros(T, B, I), null, null, Tensor.ofIndices(new int[] {5, 1, 1}, B)));
        assertTrue(tooLong.getMessage().contains("lengths must lie in [0, 4]"), tooLong.getMessage());
        var cellState = assertThrows(IllegalArgumentException.class,
                () -> new LSTMCell(I, H).step(Tensor.zeros(B, I), null, Tensor.zeros(B, H + 2)));
        assertTrue(cellState.getMessage().contains("cell state must have shape [3, 3]"), cellState.getMessage());
        assertEquals(Device.best(), m.namedParameters().get("weight_ih_l0").get().device());
    }
}
