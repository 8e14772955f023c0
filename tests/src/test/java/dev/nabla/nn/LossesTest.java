package dev.nabla.nn;

import static dev.nabla.nn.NnAssert.assertClose;
import static dev.nabla.nn.NnAssert.assertGradients;
import static dev.nabla.nn.NnAssert.randn64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.backend.fast.CrossEntropyKernel;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every loss against hand-worked values or a direct double-precision reference of PyTorch's definition. */
class LossesTest {

    private static final double[][] LOGITS = {{1.0, -0.5, 2.0}, {0.3, 0.3, -1.2}, {-2.0, 1.5, 0.1}, {0.0, 0.7, -0.4}};

    /** PyTorch's cross-entropy definition with class weights, label smoothing and an ignore index, in plain loops. */
    private static double[] referenceCrossEntropy(int[] labels, double[] w, double eps, int ignore) {
        double total = 0;
        double weightSum = 0;
        double[] perRow = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == ignore) {
                continue;
            }
            double lse = 0;
            for (double v : LOGITS[i]) {
                lse += Math.exp(v);
            }
            lse = Math.log(lse);
            double smooth = 0;
            for (int c = 0; c < 3; c++) {
                smooth -= w[c] * (LOGITS[i][c] - lse);
            }
            double nll = -w[labels[i]] * (LOGITS[i][labels[i]] - lse);
            perRow[i] = (1 - eps) * nll + eps / 3 * smooth;
            total += perRow[i];
            weightSum += w[labels[i]];
        }
        double[] out = new double[labels.length + 2];
        System.arraycopy(perRow, 0, out, 0, labels.length);
        out[labels.length] = total;
        out[labels.length + 1] = total / weightSum;
        return out;
    }

    @Test
    void crossEntropyOfUniformLogitsIsLogC() {
        Tensor logits = Tensor.zeros(2, 4);
        assertClose(Math.log(4), Losses.crossEntropy(logits, Tensor.ofIndices(new int[] {1, 3})), 1e-6);
        assertClose(Math.log(4), new CrossEntropyLoss().forward(logits, Tensor.ofIndices(new int[] {0, 2})), 1e-6);
    }

    @Test
    void crossEntropyWithWeightsSmoothingAndIgnoreIndex() {
        Tensor logits = Tensor.of(LOGITS);
        double[] w = {1, 2, 0.5};
        int[] labels = {0, 2, -100, 1};
        double[] ref = referenceCrossEntropy(labels, w, 0.1, -100);
        Tensor weight = Tensor.of(w);
        Tensor target = Tensor.ofIndices(labels);
        assertClose(ref[5], Losses.crossEntropy(logits, target, weight, -100, 0.1, Reduction.MEAN), 1e-12);
        assertClose(ref[4], Losses.crossEntropy(logits, target, weight, -100, 0.1, Reduction.SUM), 1e-12);
        assertClose(new double[] {ref[0], ref[1], 0, ref[3]},
                Losses.crossEntropy(logits, target, weight, -100, 0.1, Reduction.NONE), 1e-12);
        // a custom ignore index, no smoothing: weighted mean of plain NLL terms
        double[] plain = referenceCrossEntropy(new int[] {0, 2, 1, 1}, w, 0, 1);
        assertClose(plain[5], new CrossEntropyLoss(weight, 1, 0, Reduction.MEAN).forward(logits,
                Tensor.ofIndices(new int[] {0, 2, 1, 1})), 1e-12);
    }

    @Test
    void crossEntropyOverSpatialDimsMatchesFlattenedRows() {
        Tensor logits = randn64(1, 2, 3, 2, 2);
        Tensor target = Tensor.ofIndices(new int[] {0, 1, 2, 2, 1, 0, 0, 2}, 2, 2, 2);
        Tensor rows = logits.permute(0, 2, 3, 1).reshape(8, 3);
        double flat = Losses.crossEntropy(rows, target.reshape(8), null, -100, 0.2, Reduction.MEAN).item();
        assertClose(flat, Losses.crossEntropy(logits, target, null, -100, 0.2, Reduction.MEAN), 1e-12);
    }

    @Test
    void crossEntropyWithProbabilityTargets() {
        Tensor logits = Tensor.of(new double[][] {{0, Math.log(3)}});
        // softmax = [1/4, 3/4]; target [0.5, 0.5]: -(0.5 log 1/4 + 0.5 log 3/4)
        double expected = -(0.5 * Math.log(0.25) + 0.5 * Math.log(0.75));
        assertClose(expected, Losses.crossEntropy(logits, Tensor.of(new double[][] {{0.5, 0.5}}), null, -100, 0,
                Reduction.MEAN), 1e-12);
    }

    @Test
    void plainCrossEntropyTakesTheFusedKernelWithHandWorkedValues() {
        Tensor logits = Tensor.of(LOGITS).requiresGrad(true);
        Tensor target = Tensor.ofIndices(new int[] {2, -100, 0, 1});
        double[] ref = referenceCrossEntropy(new int[] {2, -100, 0, 1}, new double[] {1, 1, 1}, 0, -100);
        Tensor perRow = Losses.crossEntropy(logits, target, null, -100, 0, Reduction.NONE);
        if (logits.backend().fastPath(CrossEntropyKernel.class).isPresent()) {
            assertEquals("crossEntropy", perRow.gradFn().op(), "the fused op ran");
        }
        double[] got = perRow.toDoubleArray();
        for (int i = 0; i < 4; i++) {
            assertEquals(ref[i], got[i], 1e-12, "row " + i);
        }
        assertEquals(0, got[1], "an ignored row contributes nothing");
        assertClose(ref[4], Losses.crossEntropy(logits, target, null, -100, 0, Reduction.SUM), 1e-12);
        assertClose(ref[5], Losses.crossEntropy(logits, target, null, -100, 0, Reduction.MEAN), 1e-12);
    }

    @Test
    void fusedCrossEntropyGradientsOfFirstAndSecondOrder() {
        Tensor target = Tensor.ofIndices(new int[] {2, -100, 0, 1, 1});
        for (Reduction reduction : Reduction.values()) {
            if (reduction == Reduction.BATCHMEAN) {
                continue;
            }
            assertGradients(in -> Losses.crossEntropy(in[0], target, null, -100, 0, reduction).mul(1.5).sum(),
                    randn64(5, 5, 4));
        }
        NnAssert.assertSecondOrder(in -> Losses.crossEntropy(in[0], target, null, -100, 0, Reduction.MEAN), randn64(6, 5, 4));
        // the differentiable gradient that createGraph records equals the kernel's
        Tensor x = randn64(7, 5, 4);
        Tensor kernelGrad = Autograd.grad(Losses.crossEntropy(x, target, null, -100, 0, Reduction.SUM), x)[0];
        Tensor recorded = Autograd.grad(new Tensor[] {Losses.crossEntropy(x, target, null, -100, 0, Reduction.SUM)}, null,
                new Tensor[] {x}, true, true)[0];
        assertTrue(kernelGrad.allClose(recorded.detach(), 1e-12, 1e-12), kernelGrad + " vs " + recorded);
    }

    @Test
    void crossEntropyGradients() {
        Tensor target = Tensor.ofIndices(new int[] {2, -100, 0});
        Tensor weight = Tensor.of(new double[] {0.5, 1, 2});
        assertGradients(in -> Losses.crossEntropy(in[0], target, weight, -100, 0.15, Reduction.MEAN), randn64(2, 3, 3));
    }

    @Test
    void labelsOutOfRangeAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.crossEntropy(Tensor.zeros(2, 3), Tensor.ofIndices(new int[] {1, 5})));
        assertTrue(e.getMessage().contains("crossEntropy: label 5 is out of range for 3 classes"), e.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> new NLLLoss().forward(Tensor.zeros(2, 3), Tensor.ofIndices(new int[] {-1, 0})));
        assertTrue(neg.getMessage().contains("nllLoss: label -1"), neg.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> Losses.crossEntropy(Tensor.zeros(2, 3), Tensor.ofIndices(new int[] {1, 0, 2})));
        assertTrue(shape.getMessage().contains("expected target of shape [2]"), shape.getMessage());
        IllegalArgumentException margin = assertThrows(IllegalArgumentException.class,
                () -> new MultiMarginLoss().forward(Tensor.zeros(1, 3), Tensor.ofIndices(new int[] {3})));
        assertTrue(margin.getMessage().contains("label 3 is out of range for 3 classes"), margin.getMessage());
    }

    @Test
    void nllWithClassWeightsUsesWeightedMean() {
        Tensor logp = Tensor.of(new double[][] {{-0.1, -2.0}, {-1.5, -0.3}, {-0.7, -0.7}});
        Tensor target = Tensor.ofIndices(new int[] {0, 1, 1});
        Tensor w = Tensor.of(new double[] {3, 1});
        // (3*0.1 + 1*0.3 + 1*0.7) / (3 + 1 + 1)
        assertClose(1.3 / 5, Losses.nll(logp, target, w, -100, Reduction.MEAN), 1e-12);
        assertClose(new double[] {0.3, 0.3, 0.7}, new NLLLoss(w, -100, Reduction.NONE).forward(logp, target), 1e-12);
    }

    @Test
    void regressionLosses() {
        Tensor x = Tensor.of(new double[] {0.5, 3.0, -1.0});
        Tensor y = Tensor.of(new double[] {0.0, 1.0, -1.0});
        assertClose((0.25 + 4) / 3, new MSELoss().forward(x, y), 1e-12);
        assertClose(2.5, new L1Loss(Reduction.SUM).forward(x, y), 1e-12);
        assertClose(new double[] {0.125, 1.5, 0}, new HuberLoss(1, Reduction.NONE).forward(x, y), 1e-12);
        assertClose(new double[] {0.125, 2 * (2 - 1), 0}, Losses.huber(x, y, 2, Reduction.NONE), 1e-12);
        assertGradients(in -> Losses.huber(in[0], in[1], 0.7, Reduction.MEAN), randn64(3, 6), randn64(4, 6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.mse(x, Tensor.zeros(2), Reduction.MEAN));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Losses.l1(x, y, Reduction.BATCHMEAN));
    }

    @Test
    void smoothL1WithBetaMatchesPyTorch() {
        // torch.nn.functional.smooth_l1_loss(d, 0, reduction="none", beta=b) and its gradient, PyTorch 1.13
        Tensor zero = Tensor.zeros(DType.FLOAT64, Device.best(), 5);
        double[] d = {-2, -0.5, 0, 0.3, 1.5};
        double[][] loss = {{1.5, 0.125, 0, 0.045, 1.0}, {1.75, 0.25, 0, 0.09, 1.25}, {2, 0.5, 0, 0.3, 1.5}};
        double[][] grad = {{-1, -0.5, 0, 0.3, 1}, {-1, -1, 0, 0.6, 1}, {-1, -1, -1, 1, 1}};
        double[] betas = {1, 0.5, 0};
        for (int i = 0; i < betas.length; i++) {
            Tensor x = Tensor.of(d, 5).requiresGrad(true);
            Tensor l = new SmoothL1Loss(betas[i], Reduction.NONE).forward(x, zero);
            assertClose(loss[i], l, 1e-12);
            l.sum().backward();
            assertClose(grad[i], x.grad(), 1e-12);
        }
        assertClose(Arrays.stream(loss[1]).sum() / 5, Losses.smoothL1(Tensor.of(d, 5), zero, 0.5, Reduction.MEAN), 1e-12);
        assertClose(Arrays.stream(loss[0]).sum() / 5, new SmoothL1Loss().forward(Tensor.of(d, 5), zero), 1e-12);
        assertGradients(in -> Losses.smoothL1(in[0], in[1], 0.7, Reduction.SUM), randn64(5, 6), randn64(6, 6));
        var negative = assertThrows(IllegalArgumentException.class, () -> new SmoothL1Loss(-1, Reduction.MEAN));
        assertTrue(negative.getMessage().contains("beta must be non-negative"), negative.getMessage());
    }

    @Test
    void unbatchedCrossEntropyAndNllReduceLikePyTorch() {
        // regression: MEAN and SUM used to squeeze the already reduced scalar and throw
        Tensor logits = Tensor.of(new float[] {.1f, -.3f, .5f, 1.2f, -2f}, 5);
        Tensor target = Tensor.scalar(3, DType.INT64, logits.device());
        double lse = 0;
        for (double v : logits.toDoubleArray()) {
            lse += Math.exp(v);
        }
        double expected = Math.log(lse) - logits.toDoubleArray()[3]; // PyTorch 1.13: 0.7387650609016418
        Tensor logp = Functional.logSoftmax(logits, 0);
        Tensor weight = Tensor.of(new float[] {1, 2, 3, 4, 5}, 5);
        for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM, Reduction.NONE}) {
            Tensor ce = Losses.crossEntropy(logits, target, null, -100, 0, r);
            assertEquals(0, ce.rank(), r.toString());
            assertClose(expected, ce, 1e-6);
            assertClose(expected, Losses.nll(logp, target, null, -100, r), 1e-6);
            // a class weight cancels in MEAN and scales SUM and NONE (PyTorch: 0.73877 and 2.95506)
            double weighted = r == Reduction.MEAN ? expected : 4 * expected;
            assertClose(weighted, Losses.crossEntropy(logits, target, weight, -100, 0, r), 1e-6);
        }
        assertClose(expected, Losses.crossEntropy(logits, target), 1e-6);
    }

    @Test
    void binaryCrossEntropyOnProbabilities() {
        Tensor p = Tensor.of(new double[] {0.2, 0.9, 0.0});
        Tensor y = Tensor.of(new double[] {0, 1, 1});
        // log(0) is clamped to -100
        assertClose(new double[] {-Math.log(0.8), -Math.log(0.9), 100}, new BCELoss(null, Reduction.NONE).forward(p, y),
                1e-12);
        Tensor w = Tensor.of(new double[] {2, 1, 0});
        assertClose((-2 * Math.log(0.8) - Math.log(0.9)) / 3, new BCELoss(w, Reduction.MEAN).forward(p, y), 1e-12);
        Tensor q = Tensor.uniform(new dev.nabla.Generator(5), 0.1, 0.9, dev.nabla.DType.FLOAT64, dev.nabla.Device.best(), 5)
                .requiresGrad(true);
        Tensor t = Tensor.uniform(new dev.nabla.Generator(6), 0, 1, dev.nabla.DType.FLOAT64, dev.nabla.Device.best(), 5)
                .requiresGrad(true);
        assertGradients(in -> Losses.bce(in[0], in[1], null, Reduction.SUM), q, t);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.bce(Tensor.of(new double[] {1.5}), Tensor.of(new double[] {1}), null, Reduction.MEAN));
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
    }

    @Test
    void binaryCrossEntropyRefusesNaNAsItsJavadocSays() {
        Tensor y = Tensor.of(new double[] {1, 0});
        for (double bad : new double[] {Double.NaN, -0.25, Double.POSITIVE_INFINITY}) {
            Tensor p = Tensor.of(new double[] {0.5, bad});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Losses.bce(p, y, null, Reduction.MEAN), "input " + bad);
            assertTrue(e.getMessage().startsWith("bceLoss: input must hold probabilities in [0, 1]"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new BCELoss().forward(p.to(DType.FLOAT32), y),
                    "BCELoss, input " + bad);
        }
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> Losses.bce(
                Tensor.of(new double[] {Double.NaN}), Tensor.of(new double[] {1}), null, Reduction.NONE));
        assertTrue(nan.getMessage().contains("1 NaN"), nan.getMessage());
    }

    @Test
    void binaryCrossEntropyWithLogitsIsStable() {
        Tensor x = Tensor.of(new double[] {-1, 2, 100, -100});
        Tensor y = Tensor.of(new double[] {0, 1, 0, 1});
        double[] expected = {Math.log1p(Math.exp(-1)), Math.log1p(Math.exp(-2)), 100, 100};
        assertClose(expected, Losses.bceWithLogits(x, y, null, null, Reduction.NONE), 1e-12);
        Tensor pos = Tensor.of(new double[] {3});
        double[] weighted = {Math.log1p(Math.exp(-1)), 3 * Math.log1p(Math.exp(-2)), 100, 300};
        assertClose(weighted, new BCEWithLogitsLoss(null, pos, Reduction.NONE).forward(x, y), 1e-12);
        assertGradients(in -> Losses.bceWithLogits(in[0], in[1], null, pos, Reduction.MEAN), randn64(7, 2, 3),
                Tensor.uniform(new dev.nabla.Generator(8), 0, 1, dev.nabla.DType.FLOAT64, dev.nabla.Device.best(), 2, 3)
                        .requiresGrad(true));
    }

    @Test
    void hingeLosses() {
        assertClose(new double[] {0.5, 0, 3}, new HingeLoss(Reduction.NONE).forward(Tensor.of(new double[] {0.5, -2, 2}),
                Tensor.of(new double[] {1, -1, -1})), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.hinge(Tensor.zeros(2), Tensor.of(new float[] {1, 0}), Reduction.MEAN));
        assertTrue(e.getMessage().contains("-1 or +1"), e.getMessage());
        // PyTorch's documented MultiMarginLoss example
        Tensor x = Tensor.of(new double[][] {{0.1, 0.2, 0.4, 0.8}});
        assertClose(0.325, new MultiMarginLoss().forward(x, Tensor.ofIndices(new int[] {3})), 1e-12);
        Tensor w = Tensor.of(new double[] {1, 1, 1, 2});
        assertClose(0.65, Losses.multiMargin(x, Tensor.ofIndices(new int[] {3}), w, 1, Reduction.MEAN), 1e-12);
        Tensor target = Tensor.ofIndices(new int[] {0, 2});
        assertGradients(in -> Losses.multiMargin(in[0], target, null, 1, Reduction.SUM), randn64(9, 2, 3));
    }

    @Test
    void klDivergence() {
        Tensor logq = Tensor.of(new double[][] {{Math.log(0.5), Math.log(0.5)}, {Math.log(0.25), Math.log(0.75)}});
        Tensor p = Tensor.of(new double[][] {{1, 0}, {0.5, 0.5}});
        double row2 = 0.5 * Math.log(0.5 / 0.25) + 0.5 * Math.log(0.5 / 0.75);
        assertClose((Math.log(2) + row2) / 2, new KLDivLoss(Reduction.BATCHMEAN).forward(logq, p), 1e-12);
        assertClose((Math.log(2) + row2) / 4, new KLDivLoss().forward(logq, p), 1e-12);
        assertClose(new double[] {Math.log(2), 0}, Losses.klDiv(logq, p, Reduction.NONE).narrow(0, 0, 1), 1e-12);
        assertGradients(in -> Losses.klDiv(in[0], p, Reduction.BATCHMEAN), randn64(10, 2, 2));
        assertEquals(0.0, Losses.klDiv(logq, logq.exp(), Reduction.SUM).item(), 1e-12);
    }
}
