package dev.nabla.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradCheck;
import dev.nabla.backend.Strided;
import dev.nabla.backend.fast.RecurrenceGradients;
import dev.nabla.backend.fast.RecurrenceKernel;
import dev.nabla.backend.fast.RecurrenceOperands;
import dev.nabla.backend.fast.RecurrenceProblem;
import dev.nabla.backend.fast.RecurrentCell;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole-layer op against the cell-by-cell graph it replaces: the hand-written backward through time
 * must give the graph's gradients for every cell type, direction count, bias setting and padding.
 */
class RecurrentLayerOpTest {

    private static final int T = 5;
    private static final int B = 3;
    private static final int I = 4;
    private static final int H = 3;

    /** Random float64 operands of one layer, every one a leaf that requires a gradient. */
    private record Layer(CellKind kind, Tensor x, Tensor h0, Tensor c0, Tensor[][] weights, Tensor mask, int[] lengths) {

        static Layer random(CellKind kind, int directions, boolean bias, int[] lengths) {
            int rows = kind.gates() * H;
            Tensor[][] w = new Tensor[directions][];
            for (int d = 0; d < directions; d++) {
                w[d] = bias ? new Tensor[] {leaf(rows, I), leaf(rows, H), leaf(rows), leaf(rows)}
                        : new Tensor[] {leaf(rows, I), leaf(rows, H)};
            }
            return new Layer(kind, leaf(T, B, I), leaf(directions, B, H), kind.hasCellState() ? leaf(directions, B, H) : null,
                    w, lengths == null ? null : stepMask(lengths, T), lengths);
        }

        private static Tensor leaf(int... shape) {
            return Tensor.randn(shape).mul(0.6).to(DType.FLOAT64).requiresGrad(true);
        }

        Tensor[] inputs() {
            List<Tensor> all = new ArrayList<>(Arrays.asList(x, h0));
            if (c0 != null) {
                all.add(c0);
            }
            Arrays.stream(weights).forEach(w -> all.addAll(Arrays.asList(w)));
            return all.toArray(Tensor[]::new);
        }

        Tensor[] viaOp() {
            return RecurrentLayerOp.apply(kind, x, h0, c0, weights, mask, lengths);
        }

        Tensor[] viaGraph() {
            return RecurrentLayerOp.composed(kind, x, h0, c0, weights, mask);
        }
    }

    /** The 0/1 step mask {@code [steps, B, 1]} of these sequence lengths, worked out on the host. */
    private static Tensor stepMask(int[] lengths, int steps) {
        double[] m = new double[steps * lengths.length];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < lengths.length; b++) {
                m[t * lengths.length + b] = t < lengths[b] ? 1 : 0;
            }
        }
        return Tensor.of(m, steps, lengths.length, 1);
    }

    static Stream<Arguments> layers() {
        List<Arguments> all = new ArrayList<>();
        for (CellKind kind : CellKind.values()) {
            all.add(Arguments.of(kind, 1, true, null));
            all.add(Arguments.of(kind, 2, true, new int[] {5, 2, 1}));
            all.add(Arguments.of(kind, 2, false, new int[] {3, 0, 5}));
        }
        return all.stream();
    }

    /** Loss seeds touching y, hy and cy, fixed per test. */
    private static Tensor[] seeds(Tensor[] out) {
        return Arrays.stream(out).map(t -> t == null ? null : Tensor.randn(t.shape().toArray()).to(DType.FLOAT64))
                .toArray(Tensor[]::new);
    }

    private static Tensor[] gradients(Tensor[] out, Tensor[] seeds, Tensor[] inputs) {
        List<Tensor> outs = new ArrayList<>();
        List<Tensor> ss = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            if (out[i] != null) {
                outs.add(out[i]);
                ss.add(seeds[i]);
            }
        }
        return Autograd.grad(outs.toArray(Tensor[]::new), ss.toArray(Tensor[]::new), inputs, false, false);
    }

    @ParameterizedTest
    @MethodSource("layers")
    void backwardThroughTimeEqualsTheCellByCellGraph(CellKind kind, int directions, boolean bias, int[] lengths) {
        Generator.manualSeed(17);
        Layer layer = Layer.random(kind, directions, bias, lengths);
        Tensor[] op = layer.viaOp();
        Tensor[] graph = layer.viaGraph();
        for (int i = 0; i < 3; i++) {
            if (graph[i] == null) {
                assertNull(op[i]);
            } else {
                assertTrue(graph[i].allClose(op[i], 1e-13, 1e-13), "output " + i + ": " + op[i] + " vs " + graph[i]);
            }
        }
        Tensor[] seeds = seeds(graph);
        Tensor[] expected = gradients(graph, seeds, layer.inputs());
        Tensor[] actual = gradients(op, seeds, layer.inputs());
        for (int i = 0; i < expected.length; i++) {
            assertTrue(expected[i].allClose(actual[i], 1e-12, 1e-12), kind + " input " + i + ": " + actual[i]
                    + " vs " + expected[i]);
        }
    }

    @Test
    void problemsCompareByValueAndKeepTheirLengths() {
        int[] lengths = {3, 1};
        RecurrenceProblem a = new RecurrenceProblem(RecurrentCell.LSTM, DType.FLOAT32, 3, 2, 4, 5, 2, true, lengths);
        RecurrenceProblem b = new RecurrenceProblem(RecurrentCell.LSTM, DType.FLOAT32, 3, 2, 4, 5, 2, true,
                new int[] {3, 1});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new RecurrenceProblem(RecurrentCell.LSTM, DType.FLOAT32, 3, 2, 4, 5, 2, true, new int[] {3, 2}));
        assertNotEquals(a, new RecurrenceProblem(RecurrentCell.LSTM, DType.FLOAT32, 3, 2, 4, 5, 2, true, null));
        lengths[0] = 2;
        a.lengths()[1] = 2;
        assertArrayEquals(new int[] {3, 1}, a.lengths(), "neither the caller's array nor the returned one is shared");
    }

    @Test
    void secondDerivativesGoThroughTheRecomputedGraph() {
        Generator.manualSeed(19);
        Layer layer = Layer.random(CellKind.LSTM, 2, true, new int[] {3, 1, 2});
        Tensor x = layer.x().detach().narrow(0, 0, 3).requiresGrad(true);
        Tensor whh = layer.weights()[1][1];
        Tensor mask = layer.mask().narrow(0, 0, 3);
        var second = GradCheck.checkSecondOrder(in -> {
            Tensor[][] w = {layer.weights()[0], {layer.weights()[1][0], in[1], layer.weights()[1][2],
                layer.weights()[1][3]}};
            Tensor[] out = RecurrentLayerOp.apply(CellKind.LSTM, in[0], layer.h0(), layer.c0(), w, mask,
                    layer.lengths());
            return out[0].sum().add(out[2].mul(out[1]).sum());
        }, x, whh);
        assertTrue(second.passed(), second.toString());
    }

    @ParameterizedTest
    @MethodSource("layers")
    void aBackendKernelGetsTheOperandsAndReturnsGradientsInOrder(CellKind kind, int directions, boolean bias,
            int[] lengths) {
        if (lengths != null && Arrays.stream(lengths).anyMatch(n -> n == 0)) {
            return; // the kernel contract has no empty sequences; core keeps those
        }
        Generator.manualSeed(23);
        Layer layer = Layer.random(kind, directions, bias, lengths);
        RecurrenceProblem problem = new RecurrenceProblem(kind.cell(), DType.FLOAT64, T, B, I,
                H, directions, bias, lengths);
        LayerRecurrence viaKernel = new KernelRecurrence(new StepwiseKernel(kind), problem);
        LayerRecurrence stepwise = new StepwiseRecurrence(kind, layer.mask());
        try (var ignored = Autograd.noGradScope()) {
            Tensor[] a = viaKernel.forward(layer.x(), layer.h0(), layer.c0(), layer.weights(), true);
            Tensor[] b = stepwise.forward(layer.x(), layer.h0(), layer.c0(), layer.weights(), true);
            Tensor[] seeds = seeds(b);
            Tensor[] ga = viaKernel.backward(seeds[0], seeds[1], seeds[2]);
            Tensor[] gb = stepwise.backward(seeds[0], seeds[1], seeds[2]);
            for (int i = 0; i < 3; i++) {
                assertEquals(b[i] == null, a[i] == null);
                assertTrue(b[i] == null || b[i].allClose(a[i], 0, 0), "output " + i);
            }
            assertEquals(gb.length, ga.length);
            for (int i = 0; i < gb.length; i++) {
                assertEquals(gb[i] == null, ga[i] == null);
                assertTrue(gb[i] == null || gb[i].allClose(ga[i], 0, 0), "gradient " + i);
            }
        }
    }

    /**
     * A {@link RecurrenceKernel} that reads its operands back into tensors and runs core's stepwise recurrence
     * on them, so the test sees exactly what a backend is handed and what it must write where.
     */
    private static final class StepwiseKernel implements RecurrenceKernel {
        private final CellKind kind;

        StepwiseKernel(CellKind kind) {
            this.kind = kind;
        }

        @Override
        public boolean supportsRecurrence(RecurrenceProblem problem) {
            return true;
        }

        @Override
        public Object recurrenceForward(RecurrenceProblem problem, RecurrenceOperands o, boolean training) {
            StepwiseRecurrence run = new StepwiseRecurrence(kind,
                    problem.lengths() == null ? null : stepMask(problem.lengths(), problem.steps()));
            Tensor[] out = run.forward(tensor(o.x()), tensor(o.h0()), o.c0() == null ? null : tensor(o.c0()),
                    weights(problem, o.weights()), training);
            write(out[0], o.y());
            write(out[1], o.hy());
            if (o.cy() != null) {
                write(out[2], o.cy());
            }
            return run;
        }

        @Override
        public void recurrenceBackward(RecurrenceProblem problem, Object saved, RecurrenceOperands o,
                RecurrenceGradients g) {
            Tensor[] grads = ((StepwiseRecurrence) saved).backward(tensor(g.dy()), tensor(g.dhy()),
                    g.dcy() == null ? null : tensor(g.dcy()));
            write(grads[0], g.dx());
            write(grads[1], g.dh0());
            if (g.dc0() != null) {
                write(grads[2], g.dc0());
            }
            for (int i = 0; i < g.dWeights().size(); i++) {
                write(grads[3 + i], g.dWeights().get(i));
            }
        }


        private static Tensor[][] weights(RecurrenceProblem problem, List<Strided> flat) {
            int per = problem.weightsPerDirection();
            Tensor[][] w = new Tensor[problem.directions()][per];
            for (int i = 0; i < flat.size(); i++) {
                w[i / per][i % per] = tensor(flat.get(i));
            }
            return w;
        }

        private static Tensor tensor(Strided s) {
            assertTrue(s.isContiguous(), "operands are contiguous");
            return Tensor.fromStorage(s.storage(), s.storage().size()).narrow(0, s.offset(), s.numel())
                    .reshape(s.shape());
        }

        private static void write(Tensor value, Strided dst) {
            value.backend().copy(value.contiguous().strided(), dst);
        }
    }
}
