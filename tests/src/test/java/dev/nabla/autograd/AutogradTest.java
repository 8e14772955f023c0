package dev.nabla.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The autograd engine's PyTorch semantics, against hand-derived gradients. */
class AutogradTest {

    private static Tensor leaf(double... v) {
        return Tensor.of(v).requiresGrad(true);
    }

    @Test
    void onlyFloatingLeavesCanRequireGrad() {
        var ints = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new long[] {1}).requiresGrad(true));
        assertEquals("requiresGrad: only floating tensors can require gradients, got int64", ints.getMessage());
        Tensor y = leaf(1).mul(2);
        assertFalse(y.isLeaf());
        var nonLeaf = assertThrows(IllegalArgumentException.class, () -> y.requiresGrad(false));
        assertEquals("requiresGrad: only leaf tensors can change requiresGrad; this one was computed by 'mul' "
                + "(use detach() first)", nonLeaf.getMessage());
        assertFalse(Tensor.zeros(2).add(Tensor.ones(2)).requiresGrad(), "no input requires grad: nothing recorded");
    }

    @Test
    void backwardFromAScalar() {
        Tensor x = leaf(1, -2, 3);
        x.mul(x).sum().backward();
        assertArrayEquals(new double[] {2, -4, 6}, x.grad().toDoubleArray());
        assertTrue(x.grad().isLeaf() && !x.grad().requiresGrad());
    }

    @Test
    void backwardWithASeed() {
        Tensor x = leaf(1, 2);
        x.mul(3).backward(Tensor.of(new double[] {10, -1}));
        assertArrayEquals(new double[] {30, -3}, x.grad().toDoubleArray());
        var e = assertThrows(IllegalArgumentException.class, () -> leaf(1, 2).mul(3).backward());
        assertEquals("backward: a gradient seed is required for a non-scalar output of shape [2] (pass one of the same "
                + "shape)", e.getMessage());
        var shape = assertThrows(IllegalArgumentException.class, () -> leaf(1, 2).mul(3).backward(Tensor.zeros(3)));
        assertEquals("backward: seed gradient shape [3] does not match output shape [2]", shape.getMessage());
        var none = assertThrows(IllegalStateException.class, () -> Tensor.zeros(1).sum().backward());
        assertTrue(none.getMessage().startsWith("backward: the tensor of shape [] does not require grad"), none.getMessage());
    }

    @Test
    void gradientsAccumulateAcrossBackwardCalls() {
        Tensor x = leaf(1, 2);
        x.mul(x).sum().backward();
        x.mul(3).sum().backward();
        assertArrayEquals(new double[] {2 + 3, 4 + 3}, x.grad().toDoubleArray());
        x.setGrad(null);
        x.sum().backward();
        assertArrayEquals(new double[] {1, 1}, x.grad().toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> x.setGrad(Tensor.zeros(3)));
    }

    @Test
    void sharedSubexpressionsSumTheirGradients() {
        // f = x*y + exp(x) + x  =>  df/dx = y + exp(x) + 1, df/dy = x
        Tensor x = leaf(0.5, -1);
        Tensor y = leaf(2, 3);
        x.mul(y).add(x.exp()).add(x).sum().backward();
        assertArrayEquals(new double[] {2 + Math.exp(0.5) + 1, 3 + Math.exp(-1) + 1}, x.grad().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {0.5, -1}, y.grad().toDoubleArray());
    }

    @Test
    void gradientsComeBackInTheLeafDtype() {
        Tensor x = Tensor.of(new float[] {1, 2}).requiresGrad(true);
        x.mul(Tensor.of(new double[] {3, 4})).sum().backward();
        assertEquals(DType.FLOAT32, x.grad().dtype());
        assertArrayEquals(new float[] {3, 4}, x.grad().toFloatArray());
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = leaf(2);
        Tensor y = x.mul(x).detach();
        assertFalse(y.requiresGrad());
        x.mul(y).sum().backward();
        assertArrayEquals(new double[] {4}, x.grad().toDoubleArray(), "only the direct factor is differentiated");
    }

    @Test
    void noGradIsThreadLocalAndNests() throws Exception {
        Tensor x = leaf(1);
        try (var outer = Autograd.noGradScope()) {
            assertFalse(x.mul(2).requiresGrad());
            assertFalse(GradMode.isEnabled());
            Tensor other = CompletableFuture.supplyAsync(() -> x.mul(2)).get();
            assertNotNull(other.gradFn(), "another thread still records");
            try (var inner = Autograd.enableGrad()) {
                assertTrue(x.mul(2).requiresGrad());
            }
            assertFalse(x.mul(2).requiresGrad(), "closing the inner scope restores no-grad");
        }
        assertTrue(x.mul(2).requiresGrad());
        try (AutoCloseable ignored = Autograd.noGrad()) {
            assertFalse(x.exp().requiresGrad());
        }
    }

    /** Compiles only because closing the scope throws nothing: no {@code throws Exception} on this method. */
    @Test
    void noGradNeedsNoCatchClause() {
        Tensor x = leaf(2);
        try (var ignored = Autograd.noGrad()) {
            assertFalse(x.mul(3).requiresGrad());
        }
        assertTrue(x.mul(3).requiresGrad());
    }

    @Test
    void secondBackwardNeedsRetainGraph() {
        Tensor x = leaf(3);
        Tensor y = x.mul(x).sum();
        y.backward();
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().startsWith("backward: trying to backward through the graph a second time"),
                e.getMessage());
        assertTrue(e.getMessage().contains("retainGraph=true"), e.getMessage());

        Tensor z = leaf(3);
        Tensor w = z.mul(z).sum();
        w.backward(null, true, false);
        w.backward();
        assertArrayEquals(new double[] {12}, z.grad().toDoubleArray());
    }

    @Test
    void createGraphGivesGradientsOfGradients() {
        Tensor x = leaf(2, -1);
        Tensor y = x.pow(3).sum();
        Tensor[] g = Autograd.grad(new Tensor[] {y}, null, new Tensor[] {x}, true, true);
        assertArrayEquals(new double[] {12, 3}, g[0].toDoubleArray(), 1e-12);
        assertTrue(g[0].requiresGrad());
        Tensor[] gg = Autograd.grad(g[0].sum(), x);
        assertArrayEquals(new double[] {12, -6}, gg[0].toDoubleArray(), 1e-12);

        // the same through backward(createGraph): x.grad itself is differentiable
        Tensor t = leaf(0.5);
        t.tanh().backward(null, false, true);
        Tensor first = t.grad();
        t.setGrad(null);
        first.sum().backward();
        double th = Math.tanh(0.5);
        assertEquals(-2 * th * (1 - th * th), t.grad().item(), 1e-12);
    }

    @Test
    void gradWithRespectToIntermediatesLeavesDotGradAlone() {
        Tensor x = leaf(1, 2);
        Tensor y = x.mul(3);
        Tensor z = y.mul(y).sum();
        Tensor unused = leaf(5);
        Tensor[] g = Autograd.grad(new Tensor[] {z}, null, new Tensor[] {y, x, unused}, false, false);
        assertArrayEquals(new double[] {6, 12}, g[0].toDoubleArray(), "dz/dy = 2y");
        assertArrayEquals(new double[] {18, 36}, g[1].toDoubleArray(), "dz/dx = 18x");
        assertArrayEquals(new double[] {0}, g[2].toDoubleArray(), "an unreachable input gets zeros");
        assertNull(x.grad());
        var e = assertThrows(IllegalArgumentException.class, () -> Autograd.grad(leaf(1).sum(), Tensor.zeros(1)));
        assertEquals("Autograd.grad: an input of shape [1] does not require grad", e.getMessage());
        Tensor[] seeded = Autograd.grad(new Tensor[] {x.mul(x)}, new Tensor[] {Tensor.of(new double[] {1, 10})},
                new Tensor[] {x}, false, false);
        assertArrayEquals(new double[] {2, 40}, seeded[0].toDoubleArray());
    }

    @Test
    void inPlaceChangeOfASavedTensorFailsBackward() {
        Tensor x = leaf(1, 2);
        Tensor c = Tensor.of(new double[] {3, 4});
        Tensor y = x.mul(c).sum();
        c.mulInPlace(2);
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("backward: a tensor of shape [2] needed by 'mul' was modified by an in-place operation after it "
                + "was used (version 0 expected, 1 found)", e.getMessage());

        Tensor a = leaf(1, 2);
        Tensor ex = a.exp();
        Tensor loss = ex.sum();
        try (var ignored = Autograd.noGradScope()) {
            ex.select(0, 1).fillInPlace(0); // a write through a view bumps the shared version
        }
        var viaView = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(viaView.getMessage().contains("needed by 'exp'"), viaView.getMessage());
    }

    @Test
    void inPlaceChangeOfATensorNoRuleReadsIsAllowed() {
        // add and sum never read their operands' values, so changing them is harmless (as in PyTorch)
        Tensor x = leaf(1, 2);
        Tensor c = Tensor.of(new double[] {3, 4});
        Tensor y = x.add(c);
        Tensor loss = y.sum();
        c.fillInPlace(0);
        try (var ignored = Autograd.noGradScope()) {
            y.fillInPlace(0);
        }
        loss.backward();
        assertArrayEquals(new double[] {1, 1}, x.grad().toDoubleArray());
    }

    @Test
    void anomalyDetectionNamesTheOp() {
        Tensor x = leaf(-1, 1);
        try (var ignored = Autograd.detectAnomaly()) {
            var e = assertThrows(ArithmeticException.class, () -> x.log());
            assertEquals("anomaly detected: op 'log' produced NaN or infinity in its output of shape [2]", e.getMessage());
        }
        assertTrue(Double.isNaN(x.log().toDoubleArray()[0]), "off again after the scope");
    }

    @Test
    void normOfZeroHasAZeroGradient() {
        for (double p : new double[] {2, 3}) {
            Tensor x = Tensor.zeros(DType.FLOAT64, Device.best(), 2, 3).requiresGrad(true);
            x.norm(p, new int[] {1}, false).sum().backward();
            assertArrayEquals(new double[6], x.grad().toDoubleArray(), "p = " + p);
        }
        Tensor x = Tensor.of(new double[] {3, 0, 4}).requiresGrad(true);
        x.norm(2).backward();
        assertArrayEquals(new double[] {0.6, 0, 0.8}, x.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void gradientsFlowThroughViewsAndDeviceMoves() {
        Tensor x = Tensor.arange(0, 6, 1, DType.FLOAT64, Device.best()).reshape(2, 3).requiresGrad(true);
        Tensor picked = x.t().slice(0, 0, 3, 2).select(1, 1); // elements x[1][0], x[1][2]
        picked.mul(Tensor.of(new double[] {10, 20})).to(Device.CPU).sum().backward();
        assertArrayEquals(new double[] {0, 0, 0, 10, 0, 20}, x.grad().toDoubleArray());
    }
}
