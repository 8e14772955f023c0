package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Shape;
import dev.nabla.Tensor;
import dev.nabla.backend.Backends;
import dev.nabla.backend.CounterRng;
import dev.nabla.backend.fast.AdamKernel;
import dev.nabla.backend.fast.AttentionKernel;
import dev.nabla.backend.fast.BiasActivationKernel;
import dev.nabla.backend.fast.ColumnLayout;
import dev.nabla.backend.fast.ConvGeometry;
import dev.nabla.backend.fast.CrossEntropyKernel;
import dev.nabla.backend.fast.FusedActivation;
import dev.nabla.backend.fast.GruCellKernel;
import dev.nabla.backend.fast.LayerNormKernel;
import dev.nabla.backend.fast.LstmCellKernel;
import dev.nabla.backend.fast.PoolGeometry;
import dev.nabla.backend.fast.PoolKernel;
import dev.nabla.backend.fast.SoftmaxKernel;
import dev.nabla.backend.fast.WindowIm2Col;
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
 * same inputs (core's {@code CounterRng} stream, which the host program reproduces bit for bit). Launch
 * geometries are the ones {@link LaunchGeometry} gives the CUDA backend, or a single block that must stride over
 * everything. The softmax kernel, which has run on an H100, is the control that the emulation is sound. Skipped
 * when g++ is absent.
 */
class EmulatedKernelTest {

    private static List<EmulatedOutput.Line> lines;

    @BeforeAll
    static void runEmulatedKernels(@TempDir Path dir) throws Exception {
        lines = EmulatedOutput.run(dir, "emulated_kernels.cu");
    }

    private static List<EmulatedOutput.Line> named(String name) {
        return EmulatedOutput.named(lines, name);
    }

    private static EmulatedOutput.Line sibling(String name, EmulatedOutput.Line like) {
        return EmulatedOutput.sibling(lines, name, like);
    }

    @Test
    void softmaxControlMatchesTheCpu() {
        List<EmulatedOutput.Line> cases = named("SOFTMAX");
        assertEquals(3, cases.size(), "softmax cases");
        for (EmulatedOutput.Line l : cases) {
            int rows = l.fields()[0];
            int cols = l.fields()[1];
            boolean log = l.fields()[2] == 1;
            DType dtype = EmulatedOutput.floatType(l.fields()[3]);
            l.assertGeometry(LaunchGeometry.blockPerRow(rows, cols));
            Tensor x = EmulatedOutput.uniform(dtype, 40, -5, 5, rows, cols);
            Tensor expected = log ? Functional.logSoftmax(x, 1) : Functional.softmax(x, 1);
            EmulatedOutput.assertClose(expected, l.tensor(dtype, rows, cols), tolerance(dtype, 2e-6), l.at());
        }
    }

    /** {@code float32}, the bound for float32 results; float64 results must agree to 1e-13. */
    private static double tolerance(DType dtype, double float32) {
        return dtype == DType.FLOAT32 ? float32 : 1e-13;
    }

    @Test
    void attentionForwardAndBackwardKernelsMatchTheCpuGradients() {
        List<EmulatedOutput.Line> outs = named("ATTENTION_OUT");
        assertEquals(10, outs.size(), "attention cases");
        for (EmulatedOutput.Line l : outs) {
            int[] f = l.fields();
            int bh = f[0];
            int nq = f[1];
            int nk = f[2];
            int d = f[3];
            boolean causal = f[4] == 1;
            boolean capped = f[5] == 1;
            Tensor keep = keepMask(f[6], bh, nq, nk);
            Tensor q = EmulatedOutput.uniform(DType.FLOAT32, 30, -1, 1, bh, nq, d).requiresGrad(true);
            Tensor k = EmulatedOutput.uniform(DType.FLOAT32, 31, -1, 1, bh, nk, d).requiresGrad(true);
            Tensor v = EmulatedOutput.uniform(DType.FLOAT32, 32, -1, 1, bh, nk, d).requiresGrad(true);
            Tensor out = Attention.scaledDotProduct(q, k, v, keep, causal);
            out.backward(EmulatedOutput.uniform(DType.FLOAT32, 33, -1, 1, bh, nq, d));
            Tensor lse = Tensor.zeros(DType.FLOAT32, Device.CPU, bh, nq);
            AttentionKernel cpu = q.backend().fastPath(AttentionKernel.class).orElseThrow();
            cpu.attentionForward(q.detach().strided(), k.detach().strided(), v.detach().strided(),
                    keep == null ? null : keep.expand(bh, nq, nk).strided(), causal, 1 / Math.sqrt(d),
                    Tensor.zerosLike(out).strided(), lse.strided());
            if (!capped) {
                l.assertGeometry(LaunchGeometry.attentionQueryRows(bh, nq, nk, d));
                sibling("ATTENTION_DK", l).assertGeometry(LaunchGeometry.attentionKeyRows(bh, nq, nk, d));
            }
            EmulatedOutput.assertClose(out.detach(), l.tensor(DType.FLOAT32, bh, nq, d), 2e-6, l.at());
            EmulatedOutput.assertClose(lse, sibling("ATTENTION_LSE", l).tensor(DType.FLOAT32, bh, nq), 2e-6,
                    l.at() + " logsumexp");
            // gradients sum up to nk (or nq) products of products: a few float32 roundings each
            EmulatedOutput.assertClose(q.grad(), sibling("ATTENTION_DQ", l).tensor(DType.FLOAT32, bh, nq, d), 1e-5,
                    l.at() + " dq");
            EmulatedOutput.assertClose(k.grad(), sibling("ATTENTION_DK", l).tensor(DType.FLOAT32, bh, nk, d), 1e-5,
                    l.at() + " dk");
            EmulatedOutput.assertClose(v.grad(), sibling("ATTENTION_DV", l).tensor(DType.FLOAT32, bh, nk, d), 1e-5,
                    l.at() + " dv");
        }
    }

    /**
     * The host program's keep-masks: none (0); key padding {@code [bh, 1, nk]} (1: batch b keeps its first
     * {@code nk - 7b} keys, the last batch none); random {@code [bh, nq, nk]} (2: CounterRng seed 34 above 0.3,
     * the first row empty).
     */
    private static Tensor keepMask(int kind, int bh, int nq, int nk) {
        return switch (kind) {
            case 0 -> null;
            case 1 -> {
                float[] keep = new float[bh * nk];
                for (int b = 0; b < bh - 1; b++) {
                    for (int j = 0; j < nk - 7 * b; j++) {
                        keep[b * nk + j] = 1;
                    }
                }
                yield Tensor.of(keep, bh, 1, nk);
            }
            default -> {
                float[] keep = new float[bh * nq * nk];
                for (int e = nk; e < keep.length; e++) {
                    keep[e] = CounterRng.uniform(34, e) > 0.3 ? 1 : 0;
                }
                yield Tensor.of(keep, bh, nq, nk);
            }
        };
    }

    @Test
    void softmaxBackwardLayerNormAndAdamStillMatchTheCpu() {
        List<EmulatedOutput.Line> norms = named("LAYERNORM");
        assertEquals(3, norms.size(), "row cases");
        for (EmulatedOutput.Line l : norms) {
            int rows = l.fields()[0];
            int cols = l.fields()[1];
            DType dtype = EmulatedOutput.floatType(l.fields()[2]);
            // row sums of up to 1500 floats in the block's order against the CPU's double
            double rowSums = tolerance(dtype, 2e-5);
            l.assertGeometry(LaunchGeometry.blockPerRow(rows, cols));
            Tensor y = EmulatedOutput.uniform(dtype, 41, 0, 1, rows, cols);
            Tensor dy = EmulatedOutput.uniform(dtype, 42, -1, 1, rows, cols);
            SoftmaxKernel softmax = y.backend().fastPath(SoftmaxKernel.class).orElseThrow();
            List<EmulatedOutput.Line> gradients = named("SOFTMAX_GRAD").stream()
                    .filter(g -> g.fields()[0] == rows && g.fields()[3] == l.fields()[2]).toList();
            assertEquals(2, gradients.size(), "softmax and log-softmax backward of " + l.at());
            for (EmulatedOutput.Line g : gradients) {
                Tensor dx = Tensor.zerosLike(y);
                softmax.softmaxBackward(y.strided(), dy.strided(), g.fields()[2] == 1, dx.strided());
                EmulatedOutput.assertClose(dx, g.tensor(dtype, rows, cols), rowSums, g.at());
            }
            Tensor x = EmulatedOutput.uniform(dtype, 43, -3, 5, rows, cols);
            LayerNormKernel norm = x.backend().fastPath(LayerNormKernel.class).orElseThrow();
            Tensor out = Tensor.zerosLike(x);
            Tensor mean = Tensor.zeros(dtype, Device.CPU, rows);
            Tensor rstd = Tensor.zeros(dtype, Device.CPU, rows);
            norm.layerNorm(x.strided(), null, null, 1e-5, out.strided(), mean.strided(), rstd.strided());
            EmulatedOutput.assertClose(out, l.tensor(dtype, rows, cols), rowSums, l.at());
            Tensor dx = Tensor.zerosLike(x);
            norm.layerNormBackward(x.strided(), mean.strided(), rstd.strided(), null,
                    EmulatedOutput.uniform(dtype, 44, -1, 1, rows, cols).strided(), dx.strided());
            EmulatedOutput.assertClose(dx, sibling("LAYERNORM_GRAD", l).tensor(dtype, rows, cols), rowSums,
                    l.at() + " gradient");
        }
        List<EmulatedOutput.Line> adams = named("ADAM_PARAM");
        assertEquals(2, adams.size(), "Adam in float and double");
        for (EmulatedOutput.Line adam : adams) {
            int n = adam.fields()[0];
            DType dtype = EmulatedOutput.floatType(adam.fields()[1]);
            adam.assertGeometry(LaunchGeometry.elementwise(n));
            Tensor param = EmulatedOutput.uniform(dtype, 45, -1, 1, n);
            Tensor m = EmulatedOutput.uniform(dtype, 46, -0.1, 0.1, n);
            Tensor v = EmulatedOutput.uniform(dtype, 47, 0, 0.01, n);
            param.backend().fastPath(AdamKernel.class).orElseThrow().adamStep(param.strided(), m.strided(),
                    v.strided(), EmulatedOutput.uniform(dtype, 48, -1, 1, n).strided(), 1e-3, 0.9, 0.999, 1e-8, 0.271,
                    0.0297);
            EmulatedOutput.assertClose(param, adam.tensor(dtype, n), tolerance(dtype, 1e-6), "Adam parameters");
            EmulatedOutput.assertClose(m, sibling("ADAM_M", adam).tensor(dtype, n), tolerance(dtype, 1e-7),
                    "Adam first moments");
            // in float32 the kernel takes β2 as a float: 1 − 0.999f is 1.3e-5 (relative) off 0.001, times g² ≤ 1
            EmulatedOutput.assertClose(v, sibling("ADAM_V", adam).tensor(dtype, n), tolerance(dtype, 3e-8),
                    "Adam second moments");
        }
    }

    @Test
    void layerNormWithWeightAndBiasAndItsParameterGradientsMatchTheCpuInFloatAndDouble() {
        List<EmulatedOutput.Line> norms = named("LAYERNORM_AFFINE");
        assertEquals(4, norms.size(), "affine layer-norm cases");
        for (EmulatedOutput.Line l : norms) {
            int rows = l.fields()[0];
            int cols = l.fields()[1];
            int slabBlocks = l.fields()[2];
            DType dtype = EmulatedOutput.floatType(l.fields()[3]);
            l.assertGeometry(LaunchGeometry.blockPerRow(rows, cols));
            EmulatedOutput.Line dgamma = sibling("LAYERNORM_DGAMMA", l);
            LaunchGeometry slabs = LaunchGeometry.columnSlabs(cols);
            if (slabBlocks == 0) {
                dgamma.assertGeometry(slabs);
            } else {
                assertTrue(slabBlocks < slabs.gridX(), l.at() + ": blocks must stride over the slabs");
                assertEquals(slabs.blockX(), dgamma.blockX(), l.at() + " block");
            }
            Tensor x = EmulatedOutput.uniform(dtype, 50, -3, 5, rows, cols);
            Tensor gamma = EmulatedOutput.uniform(dtype, 51, -2, 2, cols);
            Tensor dy = EmulatedOutput.uniform(dtype, 53, -1, 1, rows, cols);
            LayerNormKernel cpu = x.backend().fastPath(LayerNormKernel.class).orElseThrow();
            Tensor y = Tensor.zerosLike(x);
            Tensor mean = Tensor.zeros(dtype, Device.CPU, rows);
            Tensor rstd = Tensor.zeros(dtype, Device.CPU, rows);
            cpu.layerNorm(x.strided(), gamma.strided(), EmulatedOutput.uniform(dtype, 52, -1, 1, cols).strided(),
                    1e-5, y.strided(), mean.strided(), rstd.strided());
            // Welford in float and three roundings (normalise, scale, shift) against two-pass double, one rounding:
            // 4e-7 seen; in double both sides round at 1e-16
            EmulatedOutput.assertClose(y, l.tensor(dtype, rows, cols), tolerance(dtype, 1e-6), l.at());
            Tensor dx = Tensor.zerosLike(x);
            cpu.layerNormBackward(x.strided(), mean.strided(), rstd.strided(), gamma.strided(), dy.strided(),
                    dx.strided());
            EmulatedOutput.assertClose(dx, sibling("LAYERNORM_AFFINE_DX", l).tensor(dtype, rows, cols),
                    tolerance(dtype, 1e-6), l.at() + " dx");
            Tensor gradGamma = Tensor.zeros(dtype, Device.CPU, cols);
            Tensor gradBeta = Tensor.zeros(dtype, Device.CPU, cols);
            cpu.layerNormParamsBackward(x.strided(), mean.strided(), rstd.strided(), dy.strided(), gradGamma.strided(),
                    gradBeta.strided());
            // column sums of up to 200 rows in float, in the row phases' order, against double: 1.6e-6 seen
            double sums = tolerance(dtype, 5e-6);
            EmulatedOutput.assertClose(gradGamma, dgamma.tensor(dtype, cols), sums, l.at() + " dgamma");
            EmulatedOutput.assertClose(gradBeta, sibling("LAYERNORM_DBETA", l).tensor(dtype, cols), sums,
                    l.at() + " dbeta");
            if (slabBlocks > 0) {
                assertArrayEquals(dgamma.values(), sibling("LAYERNORM_DGAMMA_ALONE", l).values(),
                        l.at() + ": dgamma without dbeta");
            }
        }
    }

    @Test
    void crossEntropyKernelsMatchTheCpuWithIgnoredRowsInFloatAndDouble() {
        List<EmulatedOutput.Line> losses = named("CE_LOSS");
        assertEquals(3, losses.size(), "cross-entropy cases");
        for (EmulatedOutput.Line l : losses) {
            int rows = l.fields()[0];
            int classes = l.fields()[1];
            DType dtype = EmulatedOutput.floatType(l.fields()[2]);
            l.assertGeometry(LaunchGeometry.blockPerRow(rows, classes));
            EmulatedOutput.Line grads = sibling("CE_GRAD", l);
            grads.assertGeometry(LaunchGeometry.elementwise((long) rows * classes));
            Tensor logits = EmulatedOutput.uniform(dtype, 70, -4, 4, rows, classes);
            long[] targets = new long[rows];
            for (int r = 0; r < rows; r++) {
                targets[r] = r % 5 == 4 ? -100 : (long) (classes * CounterRng.uniform(71, r));
            }
            Tensor target = Tensor.of(targets, rows);
            CrossEntropyKernel cpu = logits.backend().fastPath(CrossEntropyKernel.class).orElseThrow();
            Tensor loss = Tensor.zeros(dtype, Device.CPU, rows);
            Tensor lse = Tensor.zeros(dtype, Device.CPU, rows);
            assertTrue(cpu.crossEntropyForward(logits.strided(), target.strided(), -100, loss.strided(), lse.strided()));
            EmulatedOutput.assertClose(loss, l.tensor(dtype, rows), tolerance(dtype, 2e-6), l.at());
            Tensor gradLogits = Tensor.zerosLike(logits);
            cpu.crossEntropyBackward(logits.strided(), lse.strided(), target.strided(), -100,
                    EmulatedOutput.uniform(dtype, 72, -1, 1, rows).strided(), gradLogits.strided());
            // the kernel rounds logit − lse (up to 8) to float before exp: half an ulp of 8 is 4.8e-7 relative
            EmulatedOutput.assertClose(gradLogits, grads.tensor(dtype, rows, classes), tolerance(dtype, 1e-6),
                    l.at() + " gradient");
        }
    }

    @Test
    void gruCellKernelsMatchTheCpuInFloatAndDouble() {
        List<EmulatedOutput.Line> cells = named("GRU_H");
        assertEquals(2, cells.size(), "GRU cases");
        for (EmulatedOutput.Line l : cells) {
            DType dtype = EmulatedOutput.floatType(l.fields()[0]);
            int batch = l.fields()[1];
            int hidden = l.fields()[2];
            l.assertGeometry(LaunchGeometry.elementwise((long) batch * hidden));
            // the kernels compute in T, the CPU in double
            double tolerance = dtype == DType.FLOAT32 ? 2e-6 : 1e-14;
            Tensor x = EmulatedOutput.uniform(dtype, 4, -3, 3, batch, 3 * hidden);
            Tensor p = EmulatedOutput.uniform(dtype, 5, -3, 3, batch, 3 * hidden);
            Tensor h = EmulatedOutput.uniform(dtype, 6, -1, 1, batch, hidden);
            GruCellKernel cpu = x.backend().fastPath(GruCellKernel.class).orElseThrow();
            Tensor hNew = Tensor.zerosLike(h);
            cpu.gruCellForward(x.strided(), p.strided(), h.strided(), hNew.strided());
            EmulatedOutput.assertClose(hNew, l.tensor(dtype, batch, hidden), tolerance, l.at());
            Tensor gradX = Tensor.zerosLike(x);
            Tensor gradP = Tensor.zerosLike(p);
            Tensor gradH = Tensor.zerosLike(h);
            cpu.gruCellBackward(x.strided(), p.strided(), h.strided(),
                    EmulatedOutput.uniform(dtype, 7, -1, 1, batch, hidden).strided(), gradX.strided(), gradP.strided(),
                    gradH.strided());
            EmulatedOutput.assertClose(gradX, sibling("GRU_GRAD_X", l).tensor(dtype, batch, 3 * hidden), tolerance,
                    l.at() + " dx");
            EmulatedOutput.assertClose(gradP, sibling("GRU_GRAD_P", l).tensor(dtype, batch, 3 * hidden), tolerance,
                    l.at() + " dp");
            EmulatedOutput.assertClose(gradH, sibling("GRU_GRAD_H", l).tensor(dtype, batch, hidden), tolerance,
                    l.at() + " dh");
        }
    }

    @Test
    void lstmCellKernelsMatchTheCpuInFloatAndDouble() {
        List<EmulatedOutput.Line> cells = named("LSTM_HC");
        assertEquals(3, cells.size(), "LSTM cases");
        for (EmulatedOutput.Line l : cells) {
            DType dtype = EmulatedOutput.floatType(l.fields()[0]);
            int batch = l.fields()[1];
            int hidden = l.fields()[2];
            if (l.fields()[3] == 0) {
                l.assertGeometry(LaunchGeometry.elementwise((long) batch * hidden));
            }
            // the kernels compute in T, the CPU in double
            double tolerance = dtype == DType.FLOAT32 ? 2e-6 : 1e-14;
            Tensor gates = EmulatedOutput.uniform(dtype, 1, -6, 6, batch, 4 * hidden);
            Tensor c = EmulatedOutput.uniform(dtype, 2, -2, 2, batch, hidden);
            LstmCellKernel cpu = gates.backend().fastPath(LstmCellKernel.class).orElseThrow();
            Tensor hc = Tensor.zeros(dtype, Device.CPU, batch, 2 * hidden);
            cpu.lstmCellForward(gates.strided(), c.strided(), hc.strided());
            Tensor emulatedHc = l.tensor(dtype, batch, 2 * hidden);
            EmulatedOutput.assertClose(hc, emulatedHc, tolerance, l.at());
            // the backward from the emulated forward's output, so that it is compared alone
            Tensor gradGates = Tensor.zeros(dtype, Device.CPU, batch, 4 * hidden);
            Tensor gradC = Tensor.zeros(dtype, Device.CPU, batch, hidden);
            cpu.lstmCellBackward(gates.strided(), c.strided(), emulatedHc.strided(),
                    EmulatedOutput.uniform(dtype, 3, -1, 1, batch, 2 * hidden).strided(), gradGates.strided(), gradC.strided());
            EmulatedOutput.assertClose(gradGates, sibling("LSTM_GRAD_GATES", l).tensor(dtype, batch, 4 * hidden), tolerance,
                    l.at() + " gate gradients");
            EmulatedOutput.assertClose(gradC, sibling("LSTM_GRAD_C", l).tensor(dtype, batch, hidden), tolerance,
                    l.at() + " cell-state gradient");
        }
    }

    @Test
    void biasActivationKernelsMatchTheCpuForEveryActivationAndLayout() {
        List<EmulatedOutput.Line> forwards = named("BIAS_Y");
        assertEquals(FusedActivation.values().length * 2, forwards.size(), "every activation, two layouts");
        for (EmulatedOutput.Line l : forwards) {
            FusedActivation act = FusedActivation.valueOf(UnaryOp.values()[l.fields()[0]].name());
            int outer = l.fields()[1];
            int channels = l.fields()[2];
            int inner = l.fields()[3];
            int[] shape = {outer, channels, inner};
            String at = act + " " + l.at();
            l.assertGeometry(LaunchGeometry.elementwise((long) outer * channels * inner));
            EmulatedOutput.Line biasGrad = sibling("BIAS_GRAD_BIAS", l);
            biasGrad.assertGeometry(LaunchGeometry.blockPerRow(channels, (long) outer * inner));
            Tensor x = EmulatedOutput.uniform(DType.FLOAT32, 10, -4, 4, shape);
            BiasActivationKernel cpu = x.backend().fastPath(BiasActivationKernel.class).orElseThrow();
            Tensor y = Tensor.zeros(DType.FLOAT32, Device.CPU, shape);
            cpu.biasActivation(x.strided(), EmulatedOutput.uniform(DType.FLOAT32, 11, -1, 1, channels).strided(), inner, act, y.strided());
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
            cpu.biasActivationBackward(emulatedY.strided(), EmulatedOutput.uniform(DType.FLOAT32, 12, -1, 1, shape).strided(), inner, act,
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

    @Test
    void im2colAndCol2imKernelsMatchTheCpuLoweringBitForBit() {
        List<EmulatedOutput.Line> unfolds = named("IM2COL");
        assertEquals(4, unfolds.size(), "im2col cases");
        for (EmulatedOutput.Line l : unfolds) {
            int[] f = l.fields();
            DType dtype = EmulatedOutput.floatType(f[0]);
            int[] image = {f[1], f[2], f[3], f[4]};
            ColumnLayout layout = ColumnLayout.of("test", image, new ConvGeometry(f[7], f[8], f[9], f[10], f[11], f[12], 1),
                    f[5], f[6]);
            int[] columns = layout.columnShape();
            EmulatedOutput.Line fold = sibling("COL2IM", l);
            if (f[13] == 0) {
                l.assertGeometry(LaunchGeometry.elementwise(Shape.numel(columns)));
                fold.assertGeometry(LaunchGeometry.elementwise(Shape.numel(image)));
            }
            WindowIm2Col cpu = new WindowIm2Col(Backends.get(Device.CPU));
            Tensor cols = Tensor.zeros(dtype, Device.CPU, columns);
            cpu.im2col(EmulatedOutput.uniform(dtype, 80, -2, 2, image).strided(), layout.geometry(), layout.kh(),
                    layout.kw(), cols.strided());
            // a gather: every entry is a copy or a padding zero
            assertArrayEquals(cols.toDoubleArray(), l.tensor(dtype, columns).toDoubleArray(), l.at());
            Tensor folded = Tensor.zeros(dtype, Device.CPU, image);
            cpu.col2im(EmulatedOutput.uniform(dtype, 81, -1, 1, columns).strided(), layout.geometry(), layout.kh(),
                    layout.kw(), folded.strided());
            // both sum each pixel's taps from zero in (row, column) order, so the roundings agree
            assertArrayEquals(folded.toDoubleArray(), fold.tensor(dtype, image).toDoubleArray(), fold.at());
        }
    }

    @Test
    void poolingKernelsMatchTheCpu() {
        List<EmulatedOutput.Line> forwards = named("MAXPOOL_Y");
        assertEquals(6, forwards.size(), "pooling cases");
        PoolKernel cpu = Backends.get(Device.CPU).fastPath(PoolKernel.class).orElseThrow();
        for (EmulatedOutput.Line l : forwards) {
            int[] f = l.fields();
            DType dtype = EmulatedOutput.floatType(f[0]);
            int[] image = {f[1], f[2], f[3], f[4]};
            PoolGeometry geometry = new PoolGeometry(f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13] == 1);
            int[] pooled = {f[1], f[2], geometry.outputHeight(f[3]), geometry.outputWidth(f[4])};
            EmulatedOutput.Line argmax = sibling("MAXPOOL_ARGMAX", l);
            EmulatedOutput.Line dx = sibling("MAXPOOL_DX", l);
            if (f[14] == 0) {
                l.assertGeometry(LaunchGeometry.elementwise(Shape.numel(pooled)));
                dx.assertGeometry(LaunchGeometry.elementwise(Shape.numel(image)));
            }
            double[] values = EmulatedOutput.uniform(dtype, 90, -2, 2, image).toDoubleArray();
            values[4] = Double.NaN;
            values[5] = Double.NaN;
            Tensor x = Tensor.of(values, image).to(dtype);
            Tensor gradOut = EmulatedOutput.uniform(dtype, 91, -1, 1, pooled);
            double tolerance = dtype == DType.FLOAT32 ? 1e-6 : 1e-14;

            Tensor y = Tensor.zeros(dtype, Device.CPU, pooled);
            Tensor indices = Tensor.zeros(DType.INT64, Device.CPU, pooled);
            cpu.maxPool2d(x.strided(), geometry, y.strided(), indices.strided());
            // maxima are copies of inputs (the first NaN wins its window), so values and positions agree exactly
            assertArrayEquals(y.toDoubleArray(), l.tensor(dtype, pooled).toDoubleArray(), l.at());
            assertArrayEquals(indices.toLongArray(), argmax.tensor(DType.INT64, pooled).toLongArray(), argmax.at());
            Tensor gradInput = Tensor.zeros(dtype, Device.CPU, image);
            cpu.maxPool2dBackward(gradOut.strided(), indices.strided(), geometry, gradInput.strided());
            EmulatedOutput.assertClose(gradInput, dx.tensor(dtype, image), tolerance, dx.at());

            if (geometry.dilated()) {
                continue; // average pooling has no dilation
            }
            values[4] = 0;
            values[5] = 0;
            Tensor finite = Tensor.of(values, image).to(dtype);
            for (boolean countPad : new boolean[] {false, true}) {
                int[] avgFields = Arrays.copyOf(f, f.length + 1);
                avgFields[f.length] = countPad ? 1 : 0;
                EmulatedOutput.Line avg = EmulatedOutput.withFields(lines, "AVGPOOL_Y", avgFields);
                EmulatedOutput.Line avgDx = sibling("AVGPOOL_DX", avg);
                Tensor mean = Tensor.zeros(dtype, Device.CPU, pooled);
                cpu.avgPool2d(finite.strided(), geometry, countPad, mean.strided());
                EmulatedOutput.assertClose(mean, avg.tensor(dtype, pooled), tolerance, avg.at());
                Tensor spread = Tensor.zeros(dtype, Device.CPU, image);
                cpu.avgPool2dBackward(gradOut.strided(), geometry, countPad, spread.strided());
                EmulatedOutput.assertClose(spread, avgDx.tensor(dtype, image), tolerance, avgDx.at());
            }
        }
    }
}
