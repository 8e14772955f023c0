package dev.nabla.nn;

import static dev.nabla.nn.NnAssert.assertClose;
import static dev.nabla.nn.NnAssert.assertGradients;
import static dev.nabla.nn.NnAssert.assertSecondOrder;
import static dev.nabla.nn.NnAssert.randn64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;

/** LayerNorm, Dropout and Embedding against hand-worked values, plus gradient checks. */
class SequenceLayersTest {

    @Test
    void layerNormNormalisesEachRowOverTrailingDims() {
        LayerNorm ln = new LayerNorm(3);
        Tensor x = Tensor.of(new float[] {1, 2, 3, 10, 10, 40}, 2, 3);
        // row 1: mean 2, biased var 2/3; row 2: mean 20, var 200
        double s1 = Math.sqrt(2.0 / 3 + 1e-5);
        double s2 = Math.sqrt(200 + 1e-5);
        assertClose(new double[] {-1 / s1, 0, 1 / s1, -10 / s2, -10 / s2, 20 / s2}, ln.forward(x), 1e-5);
    }

    @Test
    void layerNormAppliesAffineAndChecksShape() {
        LayerNorm ln = new LayerNorm(new int[] {2, 2}, 1e-5, true);
        ln.to(DType.FLOAT64);
        try (var ignored = dev.nabla.autograd.Autograd.noGradScope()) {
            ln.weight().get().copyFrom(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2));
            ln.bias().get().fillInPlace(0.5);
        }
        Tensor x = Tensor.of(new double[] {0, 0, 2, 2}, 1, 2, 2);
        // mean 1, var 1: normalised -1,-1,1,1 (eps shifts by ~5e-6)
        double n = 1 / Math.sqrt(1 + 1e-5);
        assertClose(new double[] {-n + 0.5, -2 * n + 0.5, 3 * n + 0.5, 4 * n + 0.5}, ln.forward(x), 1e-9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ln.forward(Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().contains("trailing shape [2, 2]") && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void layerNormGradientsForInputWeightAndBias() {
        Tensor x = randn64(1, 2, 4);
        Tensor w = randn64(2, 4);
        Tensor b = randn64(3, 4);
        assertGradients(in -> Functional.layerNorm(in[0], new int[] {4}, in[1], in[2], 1e-5), x, w, b);
        Tensor wide = randn64(4, 3, 2, 5);
        assertGradients(in -> Functional.layerNorm(in[0].transpose(0, 2), new int[] {2, 3}, null, null, 1e-5).mul(in[1]),
                wide, randn64(5, 5, 2, 3));
        assertSecondOrder(in -> Functional.layerNorm(in[0], new int[] {3}, in[1], null, 1e-5).pow(2), randn64(6, 2, 3),
                randn64(7, 3));
    }

    @Test
    void dropoutScalesSurvivorsAndIsIdentityInEval() {
        Dropout d = new Dropout(0.25, new Generator(7));
        Tensor x = Tensor.ones(DType.FLOAT64, dev.nabla.Device.best(), 20000);
        double[] y = d.forward(x).toDoubleArray();
        int kept = 0;
        for (double v : y) {
            assertTrue(v == 0 || Math.abs(v - 1 / 0.75) < 1e-12, "value " + v);
            kept += v == 0 ? 0 : 1;
        }
        // 20000 draws with keep probability 0.75: std of the kept fraction is about 0.003
        assertEquals(0.75, kept / 20000.0, 0.015);
        d.eval();
        assertClose(x.toDoubleArray(), d.forward(x), 0);
    }

    @Test
    void dropoutMaskIsReproducibleFromGeneratorState() {
        Generator g = new Generator(3);
        Tensor x = Tensor.ones(8, 8);
        long start = g.offset();
        double[] first = Functional.dropout(x, 0.5, true, g).toDoubleArray();
        g.setOffset(start);
        assertClose(first, Functional.dropout(x, 0.5, true, g), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
    }

    @Test
    void dropoutGradientIsTheMask() {
        Tensor x = randn64(4, 50).requiresGrad(true);
        Tensor y = Functional.dropout(x, 0.5, true, new Generator(11));
        y.sum().backward();
        double[] out = y.toDoubleArray();
        double[] in = x.toDoubleArray();
        double[] g = x.grad().toDoubleArray();
        for (int i = 0; i < g.length; i++) {
            assertEquals(out[i] == 0 ? 0 : 2, g[i], 1e-12);
            assertEquals(out[i], in[i] * g[i], 1e-12);
        }
    }

    @Test
    void embeddingLooksUpRowsForAnyIndexShape() {
        Embedding e = new Embedding(4, 2);
        double[] table = e.weight().get().toDoubleArray();
        Tensor idx = Tensor.ofIndices(new int[] {3, 0, 3, 1}, 2, 2);
        Tensor y = e.forward(idx);
        assertEquals(dev.nabla.Shape.of(2, 2, 2), y.shape());
        assertClose(new double[] {table[6], table[7], table[0], table[1], table[6], table[7], table[2], table[3]}, y, 1e-7);
    }

    @Test
    void embeddingGradientAccumulatesRepeatsAndSkipsPadding() {
        Embedding e = new Embedding(3, 2, 0);
        assertClose(new double[] {0, 0}, e.weight().get().select(0, 0), 0);
        Tensor idx = Tensor.ofIndices(new int[] {1, 0, 1, 2});
        e.forward(idx).sum().backward();
        assertClose(new double[] {0, 0, 2, 2, 1, 1}, e.weight().grad(), 0);
    }

    @Test
    void embeddingGradcheckAndBadIndex() {
        Tensor w = randn64(5, 4, 3);
        Tensor idx = Tensor.ofIndices(new int[] {2, 3, 2, 0});
        assertGradients(in -> Functional.embedding(idx, in[0], -1), w);
        Embedding e = new Embedding(4, 2);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> e.forward(Tensor.ofIndices(new int[] {1, 7})));
        assertTrue(ex.getMessage().contains("embedding") && ex.getMessage().contains("label 7")
                && ex.getMessage().contains("4 embeddings"), ex.getMessage());
    }

    @Test
    void softmaxFamilyMatchesClosedForm() {
        Tensor x = Tensor.of(new double[] {1, 2, 3}, 1, 3);
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertClose(new double[] {Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z}, Functional.softmax(x, 1), 1e-12);
        assertClose(new double[] {1 - Math.log(z), 2 - Math.log(z), 3 - Math.log(z)}, Functional.logSoftmax(x, -1), 1e-12);
    }
}
