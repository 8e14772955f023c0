package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.backend.CounterRng;
import dev.nabla.backend.fast.AttentionKernel;
import dev.nabla.backend.fast.BiasActivationKernel;
import dev.nabla.backend.fast.FusedActivation;
import dev.nabla.backend.fast.LstmCellKernel;
import dev.nabla.nn.Functional;
import dev.nabla.nn.attention.Attention;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole kernels — thread and block indexing, shared memory, barriers, warp shuffles — run on the host through
 * {@code src/test/cuda/cuda_emulator.h} ({@code emulated_kernels.cu}) and compared with the CPU backend on the
 * same inputs (core's {@link CounterRng} stream, which the host program reproduces bit for bit). Launch
 * geometries are the ones {@link LaunchGeometry} gives the CUDA backend, or a single block that must stride over
 * everything. The softmax kernel, which has run on an H100, is the control that the emulation is sound. Skipped
 * when g++ is absent.
 */
class EmulatedKernelTest {

    private static List<Line> lines;

    @BeforeAll
    static void runEmulatedKernels(@TempDir Path dir) throws Exception {
        lines = PtxResources.runEmulatedProgram(dir, "emulated_kernels.cu").stream().map(Line::parse).toList();
    }

    /** One output line: {@code NAME fields... gridX gridY blockX | values...}. */
    private record Line(String name, int[] fields, int gridX, int gridY, int blockX, String[] values) {

        static Line parse(String[] l) {
            int bar = Arrays.asList(l).indexOf("|");
            int[] numbers = Arrays.stream(l, 1, bar).mapToInt(Integer::parseInt).toArray();
            int n = numbers.length;
            return new Line(l[0], Arrays.copyOf(numbers, n - 3), numbers[n - 3], numbers[n - 2], numbers[n - 1],
                    Arrays.copyOfRange(l, bar + 1, l.length));
        }

        String at() {
            return name + " " + Arrays.toString(fields);
        }

        /** The values as a tensor of {@code dtype} and {@code shape}. */
        Tensor tensor(DType dtype, int... shape) {
            if (dtype == DType.FLOAT32) {
                float[] v = new float[values.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(values[i]));
                }
                return Tensor.of(v, shape);
            }
            double[] v = new double[values.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = Double.longBitsToDouble(Long.parseUnsignedLong(values[i]));
            }
            return Tensor.of(v, shape);
        }

        void assertGeometry(LaunchGeometry expected) {
            assertEquals(expected.gridX(), gridX, at() + " grid x");
            assertEquals(expected.gridY(), gridY, at() + " grid y");
            assertEquals(expected.blockX(), blockX, at() + " block");
        }
    }

    private static List<Line> named(String name) {
        List<Line> found = lines.stream().filter(l -> l.name().equals(name)).toList();
        assertTrue(found.size() > 0, "no " + name + " lines");
        return found;
    }

    /** The line named {@code name} with the same fields as {@code like}. */
    private static Line sibling(String name, Line like) {
        return named(name).stream().filter(l -> Arrays.equals(l.fields(), like.fields())).findFirst().orElseThrow();
    }

    /** Core's uniform fill on [low, high) with {@code seed}, as the host program draws it. */
    private static Tensor uniform(DType dtype, long seed, double low, double high, int... shape) {
        int n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = low + (high - low) * CounterRng.uniform(seed, i);
        }
        Tensor t = Tensor.of(v, shape);
        return dtype == DType.FLOAT64 ? t : t.to(dtype);
    }

    /** Equal shapes and |expected − actual| ≤ tolerance · max(1, |expected|) everywhere. */
    private static void assertClose(Tensor expected, Tensor actual, double tolerance, String what) {
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        assertEquals(e.length, a.length, what + ": length");
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tolerance * Math.max(1, Math.abs(e[i])), what + " [" + i + "]");
        }
    }

    @Test
    void softmaxControlMatchesTheCpu() {
        for (Line l : named("SOFTMAX")) {
            int rows = l.fields()[0];
            int cols = l.fields()[1];
            boolean log = l.fields()[2] == 1;
            l.assertGeometry(LaunchGeometry.blockPerRow(rows, cols));
            Tensor x = uniform(DType.FLOAT32, 40, -5, 5, rows, cols);
            Tensor expected = log ? Functional.logSoftmax(x, 1) : Functional.softmax(x, 1);
            assertClose(expected, l.tensor(DType.FLOAT32, rows, cols), 2e-6, l.at());
        }
    }

    @Test
    void attentionForwardAndBackwardKernelsMatchTheCpuGradients() {
        List<Line> outs = named("ATTENTION_OUT");
        assertEquals(6, outs.size(), "attention cases");
        for (Line l : outs) {
            int[] f = l.fields();
            int bh = f[0];
            int nq = f[1];
            int nk = f[2];
            int d = f[3];
            boolean causal = f[4] == 1;
            boolean capped = f[5] == 1;
            Tensor q = uniform(DType.FLOAT32, 30, -1, 1, bh, nq, d).requiresGrad(true);
            Tensor k = uniform(DType.FLOAT32, 31, -1, 1, bh, nk, d).requiresGrad(true);
            Tensor v = uniform(DType.FLOAT32, 32, -1, 1, bh, nk, d).requiresGrad(true);
            Tensor out = Attention.scaledDotProduct(q, k, v, null, causal);
            out.backward(uniform(DType.FLOAT32, 33, -1, 1, bh, nq, d));
            Tensor lse = Tensor.zeros(DType.FLOAT32, Device.CPU, bh, nq);
            ((AttentionKernel) q.backend()).attentionForward(q.detach().strided(), k.detach().strided(),
                    v.detach().strided(), null, causal, 1 / Math.sqrt(d), Tensor.zerosLike(out).strided(), lse.strided());
            if (!capped) {
                l.assertGeometry(LaunchGeometry.attentionQueryRows(bh, nq, nk, d));
                sibling("ATTENTION_DK", l).assertGeometry(LaunchGeometry.attentionKeyRows(bh, nq, nk, d));
            }
            assertClose(out.detach(), l.tensor(DType.FLOAT32, bh, nq, d), 2e-6, l.at());
            assertClose(lse, sibling("ATTENTION_LSE", l).tensor(DType.FLOAT32, bh, nq), 2e-6, l.at() + " logsumexp");
            // gradients sum up to nk (or nq) products of products: a few float32 roundings each
            assertClose(q.grad(), sibling("ATTENTION_DQ", l).tensor(DType.FLOAT32, bh, nq, d), 1e-5, l.at() + " dq");
            assertClose(k.grad(), sibling("ATTENTION_DK", l).tensor(DType.FLOAT32, bh, nk, d), 1e-5, l.at() + " dk");
            assertClose(v.grad(), sibling("ATTENTION_DV", l).tensor(DType.FLOAT32, bh, nk, d), 1e-5, l.at() + " dv");
        }
    }

    @Test
    void lstmCellKernelsMatchTheCpuInFloatAndDouble() {
        List<Line> cells = named("LSTM_HC");
        assertEquals(3, cells.size(), "LSTM cases");
        for (Line l : cells) {
            DType dtype = l.fields()[0] == 32 ? DType.FLOAT32 : DType.FLOAT64;
            int batch = l.fields()[1];
            int hidden = l.fields()[2];
            if (l.fields()[3] == 0) {
                l.assertGeometry(LaunchGeometry.elementwise((long) batch * hidden));
            }
            // the kernels compute in T, the CPU in double
            double tolerance = dtype == DType.FLOAT32 ? 2e-6 : 1e-14;
            Tensor gates = uniform(dtype, 1, -6, 6, batch, 4 * hidden);
            Tensor c = uniform(dtype, 2, -2, 2, batch, hidden);
            LstmCellKernel cpu = (LstmCellKernel) gates.backend();
            Tensor hc = Tensor.zeros(dtype, Device.CPU, batch, 2 * hidden);
            cpu.lstmCellForward(gates.strided(), c.strided(), hc.strided());
            Tensor emulatedHc = l.tensor(dtype, batch, 2 * hidden);
            assertClose(hc, emulatedHc, tolerance, l.at());
            // the backward from the emulated forward's output, so that it is compared alone
            Tensor gradGates = Tensor.zeros(dtype, Device.CPU, batch, 4 * hidden);
            Tensor gradC = Tensor.zeros(dtype, Device.CPU, batch, hidden);
            cpu.lstmCellBackward(gates.strided(), c.strided(), emulatedHc.strided(),
                    uniform(dtype, 3, -1, 1, batch, 2 * hidden).strided(), gradGates.strided(), gradC.strided());
            assertClose(gradGates, sibling("LSTM_GRAD_GATES", l).tensor(dtype, batch, 4 * hidden), tolerance,
                    l.at() + " gate gradients");
            assertClose(gradC, sibling("LSTM_GRAD_C", l).tensor(dtype, batch, hidden), tolerance,
                    l.at() + " cell-state gradient");
        }
    }

    @Test
    void biasActivationKernelsMatchTheCpuForEveryActivationAndLayout() {
        List<Line> forwards = named("BIAS_Y");
        assertEquals(FusedActivation.values().length * 2, forwards.size(), "every activation, two layouts");
        for (Line l : forwards) {
            FusedActivation act = FusedActivation.valueOf(UnaryOp.values()[l.fields()[0]].name());
            int outer = l.fields()[1];
            int channels = l.fields()[2];
            int inner = l.fields()[3];
            int[] shape = {outer, channels, inner};
            String at = act + " " + l.at();
            l.assertGeometry(LaunchGeometry.elementwise((long) outer * channels * inner));
            Line biasGrad = sibling("BIAS_GRAD_BIAS", l);
            biasGrad.assertGeometry(LaunchGeometry.blockPerRow(channels, (long) outer * inner));
            Tensor x = uniform(DType.FLOAT32, 10, -4, 4, shape);
            BiasActivationKernel cpu = (BiasActivationKernel) x.backend();
            Tensor y = Tensor.zeros(DType.FLOAT32, Device.CPU, shape);
            cpu.biasActivation(x.strided(), uniform(DType.FLOAT32, 11, -1, 1, channels).strided(), inner, act, y.strided());
            Tensor emulatedY = l.tensor(DType.FLOAT32, shape);
            float[] expected = y.toFloatArray();
            float[] got = emulatedY.toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                // ReLU is exact; sigmoid and tanh go through the host's float exp/tanh, the CPU's double ones
                double ulps = act == FusedActivation.RELU ? 0 : 3;
                assertEquals(expected[i], got[i], ulps * Math.ulp(expected[i]), at + " y[" + i + "]");
            }
            Tensor gradX = Tensor.zeros(DType.FLOAT32, Device.CPU, shape);
            Tensor gradBias = Tensor.zeros(DType.FLOAT32, Device.CPU, channels);
            cpu.biasActivationBackward(emulatedY.strided(), uniform(DType.FLOAT32, 12, -1, 1, shape).strided(), inner, act,
                    gradX.strided(), gradBias.strided());
            // every gradient step rounds as the CPU's does: bit for bit
            float[] emulatedGradX = sibling("BIAS_GRAD_X", l).tensor(DType.FLOAT32, shape).toFloatArray();
            float[] cpuGradX = gradX.toFloatArray();
            for (int i = 0; i < cpuGradX.length; i++) {
                assertEquals(Float.floatToRawIntBits(cpuGradX[i]), Float.floatToRawIntBits(emulatedGradX[i]),
                        at + " gradX[" + i + "]: " + cpuGradX[i] + " vs " + emulatedGradX[i]);
            }
            // per-channel sums in double, in the block's order: at most the final float rounding differs
            float[] sums = gradBias.toFloatArray();
            float[] emulatedSums = biasGrad.tensor(DType.FLOAT32, channels).toFloatArray();
            for (int c = 0; c < channels; c++) {
                assertEquals(sums[c], emulatedSums[c], Math.ulp(sums[c]), at + " gradBias[" + c + "]");
            }
        }
    }
}
