package dev.nabla.nn.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;

/** Each mask factory's stated convention, checked against the keep-mask attention it must amount to. */
class AttentionMaskTest {

    private static final double[] KEEP = {1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 1};

    @Test
    void ignoreIsTheComplementOfKeepWhateverTheDtype() {
        Generator.manualSeed(31);
        Tensor q = Tensor.randn(2, 3, 4);
        Tensor k = Tensor.randn(2, 2, 4);
        Tensor v = Tensor.randn(2, 2, 5);
        Tensor keep = Tensor.of(KEEP, 2, 3, 2);
        double[] expected = Attention.scaledDotProduct(q, k, v, keep, false).toDoubleArray();
        double[] ignoreMask = new double[KEEP.length];
        long[] ignoreLongs = new long[KEEP.length];
        for (int i = 0; i < KEEP.length; i++) {
            ignoreMask[i] = 1 - KEEP[i];
            ignoreLongs[i] = (long) ignoreMask[i];
        }
        assertArrayEquals(expected, Attention.scaledDotProduct(q, k, v,
                AttentionMask.ignore(Tensor.of(ignoreMask, 2, 3, 2))).toDoubleArray(), 0);
        assertArrayEquals(expected, Attention.scaledDotProduct(q, k, v,
                AttentionMask.ignore(Tensor.of(ignoreLongs, 2, 3, 2))).toDoubleArray(), 0, "INT64 (bool-like) mask");
        assertArrayEquals(expected, Attention.scaledDotProduct(q, k, v, AttentionMask.keep(keep)).toDoubleArray(), 0);
        // a keep-mask of any nonzero value keeps: 7 means "keep", never a weight
        assertArrayEquals(expected, Attention.scaledDotProduct(q, k, v, AttentionMask.keep(keep.mul(7))).toDoubleArray(),
                0);
    }

    @Test
    void keyPaddingAndCausalCombineLikeOneKeepMask() {
        Generator.manualSeed(32);
        MultiheadAttention mha = new MultiheadAttention(8, 2);
        Tensor x = Tensor.randn(2, 4, 8);
        Tensor padding = Tensor.of(new long[] {0, 0, 1, 1, 0, 0, 0, 0}, 2, 4); // PyTorch: true = padding
        Tensor keep = Tensor.of(new float[] {1, 1, 0, 0, 1, 1, 1, 1}, 2, 1, 1, 4);
        AttentionMask combined = AttentionMask.keyPadding(padding).and(AttentionMask.causal());
        assertTrue(combined.isCausal());
        double[] expected = mha.attend(x, x, x, AttentionMask.keep(keep).and(AttentionMask.causal()), null)
                .toDoubleArray();
        assertArrayEquals(expected, mha.attend(x, x, x, combined, null).toDoubleArray(), 0);
        assertArrayEquals(expected, mha.attend(x, x, x, AttentionMask.causal().and(AttentionMask.keyPadding(padding)),
                null).toDoubleArray(), 0);
        // two tensor masks: visible only where both allow
        Tensor diagonal = Tensor.eye(4, DType.FLOAT32, x.device());
        double[] both = mha.attend(x, x, x, AttentionMask.ignore(diagonal).and(AttentionMask.keep(keep)), null)
                .toDoubleArray();
        Tensor visible = diagonal.rsub(1).mul(keep);
        assertArrayEquals(mha.attend(x, x, x, AttentionMask.keep(visible), null).toDoubleArray(), both, 0);
        assertFalse(AttentionMask.none().isCausal());
    }

    @Test
    void malformedMasksAreNamed() {
        var nullTensor = assertThrows(IllegalArgumentException.class, () -> AttentionMask.ignore(null));
        assertTrue(nullTensor.getMessage().contains("AttentionMask.ignore: the mask tensor is null"),
                nullTensor.getMessage());
        var rank = assertThrows(IllegalArgumentException.class, () -> AttentionMask.keyPadding(Tensor.zeros(2, 1, 4)));
        assertTrue(rank.getMessage().contains("expected [batch, keys]"), rank.getMessage());
        var shape = assertThrows(IllegalArgumentException.class, () -> new MultiheadAttention(4, 2).attend(
                Tensor.zeros(2, 3, 4), Tensor.zeros(2, 3, 4), Tensor.zeros(2, 3, 4),
                AttentionMask.keyPadding(Tensor.zeros(2, 5)), null));
        assertTrue(shape.getMessage().contains("does not broadcast to the score shape"), shape.getMessage());
    }

    @Test
    void bahdanauAndLuongAttentionTakeEveryConvention() {
        Generator.manualSeed(41);
        Tensor query = Tensor.randn(2, 3);
        Tensor keys = Tensor.randn(2, 4, 3);
        Tensor values = Tensor.randn(2, 4, 5);
        Tensor keep = Tensor.of(new double[] {1, 0, 1, 1, 1, 1, 0, 0}, 2, 4);
        Tensor padding = keep.rsub(1).to(DType.INT64);
        for (SequenceAttention attention : new SequenceAttention[] {new AdditiveAttention(3, 3, 6),
            new BilinearAttention(3, 3)}) {
            String name = attention.getClass().getSimpleName();
            double[] expected = attention.attend(query, keys, values, AttentionMask.keep(keep)).context().toDoubleArray();
            double[] weights = attention.attend(query, keys, values, AttentionMask.keep(keep)).weights().toDoubleArray();
            for (int i = 0; i < weights.length; i++) {
                assertTrue(keep.toDoubleArray()[i] != 0 || weights[i] == 0, name + ": a hidden key has weight " + weights[i]);
            }
            assertArrayEquals(expected, attention.attend(query, keys, values, AttentionMask.ignore(padding)).context()
                    .toDoubleArray(), 0, name + " ignore");
            assertArrayEquals(expected, attention.attend(query, keys, values, AttentionMask.keyPadding(padding)).context()
                    .toDoubleArray(), 0, name + " keyPadding");
            // a [L] mask broadcasts over the batch: key 3 hidden in every row
            Tensor lastHidden = Tensor.of(new double[] {1, 1, 1, 0}, 4);
            double[] broadcast = attention.attend(query, keys, values, AttentionMask.keep(lastHidden)).weights()
                    .toDoubleArray();
            assertTrue(broadcast[3] == 0 && broadcast[7] == 0, name + ": the broadcast mask hides key 3 in both rows");
            var causal = assertThrows(IllegalArgumentException.class,
                    () -> attention.attend(query, keys, values, AttentionMask.causal()));
            assertTrue(causal.getMessage().contains("one query per batch row"), causal.getMessage());
            var shape = assertThrows(IllegalArgumentException.class,
                    () -> attention.attend(query, keys, values, AttentionMask.keep(Tensor.ones(2, 3))));
            assertTrue(shape.getMessage().contains("mask must broadcast to the scores [2, 4]"), shape.getMessage());
        }
    }
}
