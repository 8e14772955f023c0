package dev.nabla.nn.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.GradCheck;
import dev.nabla.nn.attention.AttentionMask;
import dev.nabla.nn.attention.KeyValueCache;
import org.junit.jupiter.api.Test;

class TransformerTest {

    @Test
    void sinusoidalEncodingFollowsTheClosedForm() {
        Tensor pe = PositionalEncoding.sinusoids(5, 4, DType.FLOAT32, dev.nabla.Device.best());
        double[] v = pe.toDoubleArray();
        for (int p = 0; p < 5; p++) {
            assertEquals(Math.sin(p), v[p * 4], 1e-6);
            assertEquals(Math.cos(p), v[p * 4 + 1], 1e-6);
            assertEquals(Math.sin(p / 100.0), v[p * 4 + 2], 1e-6);
            assertEquals(Math.cos(p / 100.0), v[p * 4 + 3], 1e-6);
        }
        Tensor x = Tensor.zeros(2, 3, 4);
        Tensor shifted = PositionalEncoding.sinusoidal(5, 4).forward(x, 2);
        assertTrue(shifted.select(0, 1).allClose(pe.narrow(0, 2, 3)));
    }

    @Test
    void float64ModelsGetSinusoidsAccurateToDoublePrecision() {
        // regression: the table was built in float32 and only cast, so float64 models were off by ~3e-8
        PositionalEncoding pe = PositionalEncoding.sinusoidal(64, 16);
        pe.to(DType.FLOAT64);
        double[] v = pe.forward(Tensor.zeros(DType.FLOAT64, dev.nabla.Device.best(), 1, 64, 16)).toDoubleArray();
        for (int p = 0; p < 64; p++) {
            for (int i = 0; i < 16; i++) {
                double angle = p / Math.pow(10000, (i - i % 2) / 16.0);
                double expected = i % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
                assertEquals(expected, v[p * 16 + i], 1e-15, "position " + p + " dim " + i);
            }
        }
        assertEquals(DType.FLOAT64, pe.stateDict().get("pe").dtype());
    }

    @Test
    void incrementalDecodingWithTheCacheGivesTheFullForwardLogits() {
        Generator.manualSeed(1);
        DecoderOnlyTransformer gpt = new DecoderOnlyTransformer(11, 16, new TransformerConfig(16, 4, 32, 0, true), 2);
        gpt.eval();
        Tensor ids = Tensor.randint(0, 11, 2, 7);
        Tensor full = gpt.forward(ids);
        KeyValueCache[] caches = gpt.newCaches();
        Tensor prompt = gpt.logits(ids.narrow(1, 0, 3), 0, caches);
        assertTrue(prompt.allClose(full.narrow(1, 0, 3), 1e-4, 1e-5), "prompt logits");
        for (int t = 3; t < 7; t++) {
            Tensor step = gpt.logits(ids.narrow(1, t, 1), t, caches);
            assertTrue(step.allClose(full.narrow(1, t, 1), 1e-4, 1e-5), "step " + t);
        }
    }

    @Test
    void paddingKeysDoNotChangeTheEncodingOfRealPositions() {
        Generator.manualSeed(2);
        for (boolean preNorm : new boolean[] {true, false}) {
            TransformerEncoder encoder = new TransformerEncoder(new TransformerConfig(8, 2, 16, 0, preNorm), 2);
            Tensor x = Tensor.randn(1, 5, 8);
            Tensor keep = Tensor.of(new float[] {1, 1, 1, 0, 0}, 1, 1, 1, 5);
            Tensor a = encoder.forward(x, AttentionMask.keep(keep));
            Tensor changedPadding = Tensor.cat(1, x.narrow(1, 0, 3), Tensor.randn(1, 2, 8));
            Tensor b = encoder.forward(changedPadding, AttentionMask.keep(keep));
            assertTrue(a.narrow(1, 0, 3).allClose(b.narrow(1, 0, 3), 1e-5, 1e-6), "preNorm=" + preNorm);
        }
    }

    @Test
    void encoderDecoderLayersPassGradientChecks() {
        Generator.manualSeed(3);
        TransformerConfig config = new TransformerConfig(4, 2, 6, 0, false);
        Transformer model = new Transformer(config, 1, 1);
        model.to(DType.FLOAT64);
        Tensor src = Tensor.randn(1, 3, 4).to(DType.FLOAT64).requiresGrad(true);
        Tensor tgt = Tensor.randn(1, 2, 4).to(DType.FLOAT64).requiresGrad(true);
        var result = GradCheck.check(in -> model.forward(in[0], in[1], null, AttentionMask.causal(), null), src, tgt);
        assertTrue(result.passed(), result.toString());
    }

    @Test
    void badConfigurationsAreNamed() {
        var heads = assertThrows(IllegalArgumentException.class, () -> new TransformerConfig(10, 4, 8, 0, true));
        assertTrue(heads.getMessage().contains("heads dividing the model width"), heads.getMessage());
        var memory = assertThrows(IllegalArgumentException.class,
                () -> new TransformerDecoderLayer(new TransformerConfig(4, 2, 4, 0, true), false)
                        .forward(Tensor.zeros(1, 2, 4), Tensor.zeros(1, 2, 4), null, null, null));
        assertTrue(memory.getMessage().contains("no cross-attention"), memory.getMessage());
        var tooLong = assertThrows(IllegalArgumentException.class,
                () -> PositionalEncoding.learned(4, 2).forward(Tensor.zeros(1, 5, 2)));
        assertTrue(tooLong.getMessage().contains("exceed the maximum length 4"), tooLong.getMessage());
    }
}
