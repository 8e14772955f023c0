package dev.nabla.nn.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.GradCheck;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class AttentionTest {

    /** Naive softmax(QKᵀ/√d)V over [B, Lq, D] arrays in double, with a keep-mask [B][Lq][Lk] or causal alignment. */
    static double[] naive(double[] q, double[] k, double[] v, int b, int lq, int lk, int d, int dv, double[] keep,
            boolean causal) {
        double[] out = new double[b * lq * dv];
        for (int n = 0; n < b; n++) {
            for (int i = 0; i < lq; i++) {
                double[] s = new double[lk];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < lk; j++) {
                    boolean hidden = (keep != null && keep[(n * lq + i) * lk + j] == 0) || (causal && j > i + lk - lq);
                    if (hidden) {
                        s[j] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    double dot = 0;
                    for (int x = 0; x < d; x++) {
                        dot += q[(n * lq + i) * d + x] * k[(n * lk + j) * d + x];
                    }
                    s[j] = dot / Math.sqrt(d);
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j < lk; j++) {
                    s[j] = s[j] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(s[j] - max);
                    sum += s[j];
                }
                for (int j = 0; j < lk; j++) {
                    for (int x = 0; x < dv; x++) {
                        out[(n * lq + i) * dv + x] += sum == 0 ? 0 : s[j] / sum * v[(n * lk + j) * dv + x];
                    }
                }
            }
        }
        return out;
    }

    @Test
    void matchesTheNaiveFormulaWithoutMask() {
        Generator.manualSeed(1);
        Tensor q = Tensor.randn(2, 5, 4);
        Tensor k = Tensor.randn(2, 7, 4);
        Tensor v = Tensor.randn(2, 7, 3);
        Tensor out = Attention.scaledDotProduct(q, k, v, null, false);
        double[] expected = naive(q.toDoubleArray(), k.toDoubleArray(), v.toDoubleArray(), 2, 5, 7, 4, 3, null, false);
        assertArrayEquals(expected, out.toDoubleArray(), 1e-5);
    }

    @Test
    void matchesTheNaiveFormulaWithPaddingAndCausalMasks() {
        Generator.manualSeed(2);
        Tensor q = Tensor.randn(2, 4, 3);
        Tensor k = Tensor.randn(2, 6, 3);
        Tensor v = Tensor.randn(2, 6, 2);
        // padding mask [B, 1, Lk]: batch 0 sees 6 keys, batch 1 only the first 3
        Tensor keep = Tensor.of(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0}, 2, 1, 6);
        double[] fullKeep = keep.expand(2, 4, 6).toDoubleArray();
        Tensor padded = Attention.scaledDotProduct(q, k, v, keep, false);
        assertArrayEquals(naive(q.toDoubleArray(), k.toDoubleArray(), v.toDoubleArray(), 2, 4, 6, 3, 2, fullKeep, false),
                padded.toDoubleArray(), 1e-5);
        Tensor both = Attention.scaledDotProduct(q, k, v, keep, true);
        assertArrayEquals(naive(q.toDoubleArray(), k.toDoubleArray(), v.toDoubleArray(), 2, 4, 6, 3, 2, fullKeep, true),
                both.toDoubleArray(), 1e-5);
    }

    @Test
    void crossesQueryAndKeyBlockBoundariesWithMasks() {
        // 130 queries and 300 keys span several blocks of the CPU's blocked float32 kernel (64 × 256)
        Generator.manualSeed(5);
        int lq = 130;
        int lk = 300;
        Tensor q = Tensor.randn(2, lq, 8);
        Tensor k = Tensor.randn(2, lk, 8);
        Tensor v = Tensor.randn(2, lk, 5);
        float[] keepValues = new float[2 * lk];
        for (int j = 0; j < keepValues.length; j++) {
            keepValues[j] = j % 7 == 3 || j >= lk + 280 ? 0 : 1;
        }
        Tensor keep = Tensor.of(keepValues, 2, 1, lk);
        double[] fullKeep = keep.expand(2, lq, lk).toDoubleArray();
        for (boolean causal : new boolean[] {false, true}) {
            Tensor out = Attention.scaledDotProduct(q, k, v, keep, causal);
            double[] expected = naive(q.toDoubleArray(), k.toDoubleArray(), v.toDoubleArray(), 2, lq, lk, 8, 5, fullKeep,
                    causal);
            assertArrayEquals(expected, out.toDoubleArray(), 1e-5, "causal " + causal);
        }
    }

    @Test
    void fullyMaskedRowsGiveZerosNotNaN() {
        Tensor q = Tensor.randn(1, 2, 2);
        Tensor k = Tensor.randn(1, 3, 2);
        Tensor v = Tensor.randn(1, 3, 2);
        Tensor keep = Tensor.of(new float[] {0, 0, 0, 1, 0, 0}, 1, 2, 3);
        double[] out = Attention.scaledDotProduct(q, k, v, keep, false).toDoubleArray();
        assertArrayEquals(new double[] {0, 0}, java.util.Arrays.copyOf(out, 2), 0);
        assertArrayEquals(v.select(1, 0).toDoubleArray(), java.util.Arrays.copyOfRange(out, 2, 4), 1e-6);
    }

    @Test
    void gradientsMatchFiniteDifferencesWithMasks() {
        Generator.manualSeed(3);
        Tensor q = Tensor.randn(2, 3, 2).to(DType.FLOAT64).requiresGrad(true);
        Tensor k = Tensor.randn(2, 4, 2).to(DType.FLOAT64).requiresGrad(true);
        Tensor v = Tensor.randn(2, 4, 3).to(DType.FLOAT64).requiresGrad(true);
        Tensor keep = Tensor.of(new double[] {1, 1, 1, 1, 1, 1, 0, 1}, 2, 1, 4);
        var plain = GradCheck.check(in -> Attention.scaledDotProduct(in[0], in[1], in[2], null, false), q, k, v);
        assertTrue(plain.passed(), plain.toString());
        var masked = GradCheck.check(in -> Attention.scaledDotProduct(in[0], in[1], in[2], keep, true), q, k, v);
        assertTrue(masked.passed(), masked.toString());
    }

    @Test
    void longSequencesNeverHoldTheScoreMatrix() {
        int n = 2048;
        int d = 16;
        Generator.manualSeed(4);
        Tensor q = Tensor.randn(1, n, d);
        Tensor k = Tensor.randn(1, n, d);
        Tensor v = Tensor.randn(1, n, d);
        Attention.scaledDotProduct(q, k, v, null, true); // warm up the JIT outside the measurement
        // the least of three runs: a thread left over from another test may allocate during one of them,
        // while a score matrix would show in every run
        long extra = Long.MAX_VALUE;
        Tensor out = null;
        for (int run = 0; run < 3; run++) {
            long before = allocatedBytes();
            out = Attention.scaledDotProduct(q, k, v, null, true);
            extra = Math.min(extra, allocatedBytes() - before);
        }
        long scoreMatrix = 4L * n * n;
        assertTrue(extra < scoreMatrix / 8, "allocated " + extra + " bytes; the score matrix alone is " + scoreMatrix);
        // and the result is still right: compare a few rows with the naive formula
        double[] qa = q.toDoubleArray();
        double[] ka = k.toDoubleArray();
        double[] va = v.toDoubleArray();
        int rows = 3;
        int start = n - rows;
        double[] qTail = java.util.Arrays.copyOfRange(qa, start * d, n * d);
        double[] expected = naive(qTail, ka, va, 1, rows, n, d, d, null, true);
        double[] actual = java.util.Arrays.copyOfRange(out.toDoubleArray(), start * d, n * d);
        assertArrayEquals(expected, actual, 1e-5);
    }

    private static long allocatedBytes() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long id : threads.getAllThreadIds()) {
            long bytes = threads.getThreadAllocatedBytes(id);
            total += Math.max(0, bytes);
        }
        return total;
    }

    @Test
    void multiheadAttentionEqualsPerHeadNaiveAttention() {
        Generator.manualSeed(5);
        MultiheadAttention mha = new MultiheadAttention(8, 2);
        Tensor x = Tensor.randn(2, 3, 8);
        Tensor y = Tensor.randn(2, 5, 8);
        Tensor out = mha.attend(x, y, y, null, null);
        var s = mha.stateDict();
        // PyTorch's packing: rows 0..E-1 of in_proj project queries, E..2E-1 keys, 2E..3E-1 values
        Tensor w = s.get("in_proj_weight");
        Tensor b = s.get("in_proj_bias");
        Tensor q = x.matmul(w.narrow(0, 0, 8).t()).add(b.narrow(0, 0, 8));
        Tensor k = y.matmul(w.narrow(0, 8, 8).t()).add(b.narrow(0, 8, 8));
        Tensor v = y.matmul(w.narrow(0, 16, 8).t()).add(b.narrow(0, 16, 8));
        Tensor[] heads = new Tensor[2];
        for (int h = 0; h < 2; h++) {
            Tensor qh = q.narrow(2, 4 * h, 4).contiguous();
            Tensor kh = k.narrow(2, 4 * h, 4).contiguous();
            Tensor vh = v.narrow(2, 4 * h, 4).contiguous();
            double[] o = naive(qh.toDoubleArray(), kh.toDoubleArray(), vh.toDoubleArray(), 2, 3, 5, 4, 4, null, false);
            heads[h] = Tensor.of(o, 2, 3, 4).to(DType.FLOAT32);
        }
        Tensor expected = Tensor.cat(2, heads).matmul(s.get("out_proj.weight").t()).add(s.get("out_proj.bias"));
        assertTrue(out.allClose(expected, 1e-4, 1e-5));
    }

    @Test
    void incrementalDecodingWithTheCacheEqualsTheFullCausalPass() {
        Generator.manualSeed(6);
        MultiheadAttention mha = new MultiheadAttention(6, 3);
        Tensor x = Tensor.randn(2, 5, 6);
        Tensor full = mha.attend(x, x, x, AttentionMask.causal(), null);
        KeyValueCache cache = new KeyValueCache();
        for (int t = 0; t < 5; t++) {
            Tensor token = x.narrow(1, t, 1);
            Tensor step = mha.attend(token, token, token, AttentionMask.causal(), cache);
            assertTrue(step.allClose(full.narrow(1, t, 1), 1e-5, 1e-6), "step " + t);
        }
        assertEquals(5, cache.length());
    }

    @Test
    void sequenceAttentionVariantsFollowTheirScoreFormulas() {
        Generator.manualSeed(7);
        Tensor query = Tensor.randn(2, 3);
        Tensor keys = Tensor.randn(2, 4, 3);
        Tensor values = Tensor.randn(2, 4, 5);
        Tensor keep = Tensor.of(new float[] {1, 1, 1, 1, 1, 1, 0, 0}, 2, 4);
        var dot = new DotAttention().attend(query, keys, values, AttentionMask.keep(keep));
        // dot: weights ∝ exp(q·k) over unmasked keys
        double[] qa = query.toDoubleArray();
        double[] ka = keys.toDoubleArray();
        double[] w = dot.weights().toDoubleArray();
        for (int b = 0; b < 2; b++) {
            int valid = b == 0 ? 4 : 2;
            double[] e = new double[valid];
            double sum = 0;
            for (int j = 0; j < valid; j++) {
                double s = 0;
                for (int x = 0; x < 3; x++) {
                    s += qa[b * 3 + x] * ka[(b * 4 + j) * 3 + x];
                }
                e[j] = Math.exp(s);
                sum += e[j];
            }
            for (int j = 0; j < 4; j++) {
                assertEquals(j < valid ? e[j] / sum : 0, w[b * 4 + j], 1e-5);
            }
        }
        assertTrue(dot.context().allClose(dot.weights().unsqueeze(1).matmul(values).squeeze(1), 1e-5, 1e-6));

        AdditiveAttention additive = new AdditiveAttention(3, 3, 6);
        var s = additive.stateDict();
        Tensor expectedScores = keys.matmul(s.get("key_layer.weight").t())
                .add(query.matmul(s.get("query_layer.weight").t()).unsqueeze(1)).tanh().matmul(s.get("v"));
        Tensor expectedWeights = expectedScores.sub(expectedScores.max(new int[] {1}, true)).exp();
        expectedWeights = expectedWeights.div(expectedWeights.sum(new int[] {1}, true));
        assertTrue(additive.attend(query, keys, values, null).weights().allClose(expectedWeights, 1e-5, 1e-6));

        BilinearAttention bilinear = new BilinearAttention(3, 3);
        Tensor wMat = bilinear.stateDict().get("w.weight");
        Tensor bScores = keys.matmul(wMat.t()).matmul(query.unsqueeze(2)).squeeze(2);
        Tensor bWeights = bScores.exp().div(bScores.exp().sum(new int[] {1}, true));
        assertTrue(bilinear.attend(query, keys, values, null).weights().allClose(bWeights, 1e-5, 1e-6));
    }

    @Test
    void badShapesAreNamed() {
        var heads = assertThrows(IllegalArgumentException.class, () -> new MultiheadAttention(10, 3));
        assertTrue(heads.getMessage().contains("number of heads (3) must be positive and divide the model width (10)"));
        Tensor q = Tensor.zeros(2, 3, 4);
        var mask = assertThrows(IllegalArgumentException.class,
                () -> Attention.scaledDotProduct(q, q, q, Tensor.ones(2, 5, 3), false));
        assertTrue(mask.getMessage().contains("mask of shape [2, 5, 3] does not broadcast to the score shape [2, 3, 3]"),
                mask.getMessage());
        var width = assertThrows(IllegalArgumentException.class, () -> new MultiheadAttention(4, 2).forward(Tensor.zeros(1, 2, 3)));
        assertTrue(width.getMessage().contains("query must be [batch, length, 4]"), width.getMessage());
    }
}
