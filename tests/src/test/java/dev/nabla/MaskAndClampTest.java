package dev.nabla;

import static dev.nabla.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** maskedFill, the one-sided clamps, and log1p/expm1 where log(1 + x) and exp(x) - 1 lose every digit. */
class MaskAndClampTest {

    @Test
    void maskedFillFillsWhereTheMaskIsNonzeroAndBroadcastsIt() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor filled = x.maskedFill(Tensor.of(new double[] {1, 0, Double.NaN}), -1);
        assertArrayEquals(new double[] {-1, 2, -1, -1, 5, -1}, filled.toDoubleArray(), 0.0);
        filled.sum().backward();
        assertArrayEquals(new double[] {0, 1, 0, 0, 1, 0}, x.grad().toDoubleArray(), 0.0);
        // a comparison is a mask, in any dtype
        Tensor longs = Tensor.of(new long[] {3, -2, 5});
        Tensor ints = longs.maskedFill(longs.lt(Tensor.of(new long[] {0})), 0);
        assertEquals(DType.INT64, ints.dtype());
        assertArrayEquals(new long[] {3, 0, 5}, ints.toLongArray());
    }

    @Test
    void badMasksAreRejected() {
        Tensor x = Tensor.zeros(DType.FLOAT64, Device.CPU, 2, 3);
        assertRejected("maskedFill: mask of shape [2, 2, 3] must broadcast to the tensor's shape [2, 3]",
                () -> x.maskedFill(Tensor.zeros(DType.FLOAT64, Device.CPU, 2, 2, 3), 1));
        assertRejected("maskedFill: value 0.5 is not a whole number, but the tensor is int64",
                () -> Tensor.of(new long[] {1}).maskedFill(Tensor.of(new long[] {1}), 0.5));
        assertThrows(IllegalArgumentException.class, () -> x.maskedFill(Tensor.zeros(DType.FLOAT64, Device.CPU, 4), 1));
    }

    @Test
    void oneSidedClampsPassTheGradientInsideTheirBoundIncludingIt() {
        Tensor x = Tensor.of(new double[] {-1, 0.5, 2, Double.NaN}).requiresGrad(true);
        Tensor low = x.clampMin(0.5);
        assertArrayEquals(new double[] {0.5, 0.5, 2, Double.NaN}, low.toDoubleArray(), 0.0);
        low.sum().backward();
        assertArrayEquals(new double[] {0, 1, 1, 0}, x.grad().toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {-1, 0.5, 0.5, Double.NaN}, x.clampMax(0.5).toDoubleArray(), 0.0);
        assertRejected("clampMin: a bound is NaN", () -> x.clampMin(Double.NaN));
        assertRejected("clamp: min 2.0 is greater than max 1.0", () -> x.clamp(2, 1));
    }

    @Test
    void log1pAndExpm1KeepSmallArgumentsExactInFloat32() {
        float[] tiny = {1e-10f, -3e-9f, 1e-30f};
        float[] log1p = Tensor.of(tiny).log1p().toFloatArray();
        float[] expm1 = Tensor.of(tiny).expm1().toFloatArray();
        for (int i = 0; i < tiny.length; i++) {
            // log(1 + x) would give 0 here: 1 + x rounds to 1
            assertEquals((float) Math.log1p(tiny[i]), log1p[i], 0f, "log1p(" + tiny[i] + ")");
            assertEquals((float) Math.expm1(tiny[i]), expm1[i], 0f, "expm1(" + tiny[i] + ")");
            assertTrue(log1p[i] != 0 && expm1[i] != 0);
        }
    }
}
