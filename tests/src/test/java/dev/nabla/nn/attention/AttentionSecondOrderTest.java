package dev.nabla.nn.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradCheck;
import dev.nabla.nn.Functional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Second derivatives through attention (regression: the recorded backward once recomputed the
 * probabilities from a detached log-sum-exp, so Hessian-vector products dropped the normaliser's
 * dependence on q and k). References: central differences of the float64 gradient, and the same
 * function composed from softmax and matmul.
 */
class AttentionSecondOrderTest {

    private static Tensor randn(long seed, int... shape) {
        return Tensor.normal(new Generator(seed), 0, 1, DType.FLOAT64, Device.best(), shape);
    }

    /** softmax(QKᵀ/√d + mask)·V from plain Tensor ops, hidden keys at -inf; no all-hidden rows allowed. */
    private static Tensor composed(Tensor q, Tensor k, Tensor v, Tensor keep, boolean causal) {
        Tensor scores = q.matmul(k.transpose(-2, -1)).mul(1 / Math.sqrt(q.size(-1)));
        Tensor hidden = keep == null ? Tensor.zerosLike(scores) : keep.eq(0).to(DType.FLOAT64).add(Tensor.zerosLike(scores));
        if (causal) {
            int lq = q.size(-2);
            int lk = k.size(-2);
            double[] future = new double[lq * lk];
            for (int i = 0; i < lq; i++) {
                for (int j = 0; j < lk; j++) {
                    future[i * lk + j] = j > i + lk - lq ? 1 : 0;
                }
            }
            hidden = hidden.maximum(Tensor.of(future, lq, lk));
        }
        Tensor masked = Tensor.where(hidden, Tensor.scalar(Double.NEGATIVE_INFINITY, DType.FLOAT64, q.device()), scores);
        return Functional.softmax(masked, -1).matmul(v);
    }

    /** The gradient of {@code sum(f(x)·w)} with respect to every input, recorded when {@code createGraph}. */
    private static Tensor[] gradient(Function<Tensor[], Tensor> f, Tensor w, Tensor[] x, boolean createGraph) {
        return Autograd.grad(new Tensor[] {f.apply(x).mul(w).sum()}, null, x, createGraph, createGraph);
    }

    /** The Hessian of {@code sum(f(x)·w)} times the direction {@code u}, by differentiating the recorded gradient. */
    private static double[] hessianVector(Function<Tensor[], Tensor> f, Tensor w, Tensor[] x, Tensor[] u) {
        Tensor[] leaves = leaves(x, u, 0);
        Tensor[] g = gradient(f, w, leaves, true);
        Tensor dot = null;
        for (int i = 0; i < g.length; i++) {
            Tensor term = g[i].mul(u[i]).sum();
            dot = dot == null ? term : dot.add(term);
        }
        return flatten(Autograd.grad(dot, leaves));
    }

    /** Central differences of the first gradient along {@code u}, step {@code h}. */
    private static double[] finiteDifference(Function<Tensor[], Tensor> f, Tensor w, Tensor[] x, Tensor[] u, double h) {
        double[] plus = flatten(gradient(f, w, leaves(x, u, h), false));
        double[] minus = flatten(gradient(f, w, leaves(x, u, -h), false));
        double[] out = new double[plus.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (plus[i] - minus[i]) / (2 * h);
        }
        return out;
    }

    /** Fresh leaves at {@code x + t·u}. */
    private static Tensor[] leaves(Tensor[] x, Tensor[] u, double t) {
        Tensor[] out = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].add(u[i].mul(t)).detach().requiresGrad(true);
        }
        return out;
    }

    private static double[] flatten(Tensor[] parts) {
        return Tensor.cat(0, java.util.Arrays.stream(parts).map(Tensor::flatten).toArray(Tensor[]::new)).toDoubleArray();
    }

    private static void assertCloseArrays(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * Math.max(1, Math.abs(expected[i])), what + " element " + i);
        }
    }

    @Test
    void hessianVectorProductsMatchFiniteDifferencesAndTheComposedFunction() {
        Tensor[] x = {randn(1, 2, 3, 4), randn(2, 2, 5, 4), randn(3, 2, 5, 3)};
        Tensor[] u = {randn(4, 2, 3, 4), randn(5, 2, 5, 4), randn(6, 2, 5, 3)};
        Tensor w = randn(7, 2, 3, 3);
        Tensor keep = Tensor.of(new double[] {1, 1, 0, 1, 1, 1, 1, 1, 1, 0}, 2, 1, 5);
        for (Tensor mask : new Tensor[] {null, keep}) {
            for (boolean causal : new boolean[] {false, true}) {
                String what = (mask == null ? "unmasked" : "masked") + (causal ? ", causal" : "");
                Function<Tensor[], Tensor> op = in -> Attention.scaledDotProduct(in[0], in[1], in[2], mask, causal);
                Function<Tensor[], Tensor> reference = in -> composed(in[0], in[1], in[2], mask, causal);
                double[] hv = hessianVector(op, w, x, u);
                assertCloseArrays(finiteDifference(op, w, x, u, 1e-5), hv, 1e-6, what + " vs finite differences");
                assertCloseArrays(hessianVector(reference, w, x, u), hv, 1e-10, what + " vs softmax·matmul");
            }
        }
    }

    @Test
    void fullyHiddenRowsKeepFiniteZeroSecondDerivatives() {
        Tensor[] x = {randn(11, 1, 2, 3), randn(12, 1, 3, 3), randn(13, 1, 3, 2)};
        Tensor[] u = {randn(14, 1, 2, 3), randn(15, 1, 3, 3), randn(16, 1, 3, 2)};
        Tensor w = randn(17, 1, 2, 2);
        Tensor keep = Tensor.of(new double[] {0, 0, 0, 1, 1, 0}, 1, 2, 3);
        Function<Tensor[], Tensor> op = in -> Attention.scaledDotProduct(in[0], in[1], in[2], keep, false);
        double[] hv = hessianVector(op, w, x, u);
        for (double value : hv) {
            assertTrue(Double.isFinite(value), "finite Hessian-vector product");
        }
        assertCloseArrays(finiteDifference(op, w, x, u, 1e-5), hv, 1e-6, "vs finite differences");
    }

    @Test
    void multiheadAttentionSecondOrderUnderCreateGraph() {
        Generator.manualSeed(21);
        MultiheadAttention mha = new MultiheadAttention(4, 2);
        mha.to(DType.FLOAT64);
        Tensor w = randn(22, 2, 3, 4);
        Function<Tensor[], Tensor> op = in -> mha.attend(in[0], in[0], in[0], AttentionMask.causal(), null);
        Tensor[] x = {randn(23, 2, 3, 4)};
        Tensor[] u = {randn(24, 2, 3, 4)};
        assertCloseArrays(finiteDifference(op, w, x, u, 1e-5), hessianVector(op, w, x, u), 1e-6, "MultiheadAttention");
        GradCheck.Result r = GradCheck.checkSecondOrder(in -> mha.forward(in[0]).mul(w), x[0].detach().requiresGrad(true));
        assertTrue(r.passed(), r.toString());
    }
}
