package dev.nabla.cpu.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The exponential kernels (scalar, and the SIMD one the JVM under test loads) against float64 {@link Math#exp}. */
class FloatExpTest {

    private static final int[] LENGTHS = {0, 1, 7, 8, 9, 16, 23, 257};

    @Test
    void matchesDoubleExpWithinAFewUlpsAndSumsTheResults() {
        Random r = new Random(7);
        for (FloatExp kernel : List.of(new ScalarFloatExp(), Simd.exp())) {
            for (int n : LENGTHS) {
                int at = 3;
                float[] x = new float[at + n + 2];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (r.nextGaussian() * 8);
                }
                if (n > 4) {
                    x[at] = Float.NEGATIVE_INFINITY;
                    x[at + 1] = -300f;
                    x[at + 2] = 1.5f;
                }
                float[] before = x.clone();
                float shift = 1.5f;
                double sum = kernel.expShifted(x, at, n, shift);
                double expectedSum = 0;
                for (int i = 0; i < x.length; i++) {
                    if (i < at || i >= at + n) {
                        assertEquals(before[i], x[i], "element " + i + " outside the run must not change");
                        continue;
                    }
                    double expected = Math.exp(before[i] - shift); // the float difference, as documented
                    expectedSum += expected;
                    String what = kernel.getClass().getSimpleName() + " n=" + n + " at " + i + " of x=" + before[i];
                    assertEquals(expected, x[i], 4 * Math.ulp((float) expected), what);
                }
                assertEquals(expectedSum, sum, 1e-6 * Math.max(1, expectedSum), "sum, n=" + n);
                if (n > 4) {
                    assertEquals(0f, x[at], "exp(-inf)");
                    assertEquals(0f, x[at + 1], "underflow");
                    assertEquals(1f, x[at + 2], "exp(0)");
                }
            }
        }
    }
}
