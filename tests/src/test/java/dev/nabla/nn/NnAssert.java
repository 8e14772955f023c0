package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.autograd.GradCheck;
import java.util.function.Function;

/** Assertions and inputs shared by the layer tests. */
final class NnAssert {

    private NnAssert() {
    }

    /** Elementwise closeness with a message naming the first mismatch. */
    static void assertClose(double[] expected, Tensor actual, double tol) {
        double[] got = actual.toDoubleArray();
        assertEquals(expected.length, got.length, "element count");
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], tol * Math.max(1, Math.abs(expected[i])), "element " + i);
        }
    }

    /** A scalar closeness check. */
    static void assertClose(double expected, Tensor actual, double tol) {
        assertClose(new double[] {expected}, actual, tol);
    }

    /** A float64 leaf with values from N(0, 1) that requires grad. */
    static Tensor randn64(long seed, int... shape) {
        return Tensor.normal(new Generator(seed), 0, 1, DType.FLOAT64, dev.nabla.Device.best(), shape).requiresGrad(true);
    }

    /** Runs a first-order gradient check and fails with the worst element. */
    static void assertGradients(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Result r = GradCheck.check(f, inputs);
        assertTrue(r.passed(), "gradcheck failed: " + r.worst() + " (max error " + r.maxAbsError() + ")");
    }

    /** Runs a second-order gradient check and fails with the worst element. */
    static void assertSecondOrder(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Result r = GradCheck.checkSecondOrder(f, inputs);
        assertTrue(r.passed(), "second-order gradcheck failed: " + r.worst() + " (max error " + r.maxAbsError() + ")");
    }
}
