package dev.nabla.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cpu.kernels.FloatFunctions;
import dev.nabla.cpu.kernels.Simd;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The float32 transcendental functions against float64 references rounded once ({@link Math}, and {@link Erf},
 * itself tested against a 60-digit series): the scalar form bit for bit, the SIMD form (when the JVM under test
 * has the Vector API) within 2 ulps, with NaN, infinities and signed zeros exact; over random values at several
 * scales, arbitrary bit patterns, and runs of every length around the vector width at odd offsets, in place too.
 */
class FloatFunctionsTest {

    private static final float[] SPECIAL = {Float.NaN, -0f, 0f, 1f, -1f, 0.5f, 2f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 1e-20f,
            -1e-20f, 88.7f, -104f, 0.99999994f, 1.0000001f, 3.92f, -3.93f, 10f, -87.4f, 1e-38f};

    /** One function under test: how the kernel runs it, and its double reference. */
    private record Fn(String name, Applied kernel, DoubleUnaryOperator reference) {
    }

    @FunctionalInterface
    private interface Applied {
        void apply(FloatFunctions f, float[] x, int xo, float[] out, int oo, int n);
    }

    private static final List<Fn> FUNCTIONS = List.of(
            new Fn("exp", FloatFunctions::exp, Math::exp),
            new Fn("tanh", FloatFunctions::tanh, Math::tanh),
            new Fn("sigmoid", FloatFunctions::sigmoid, DoubleMath::sigmoid),
            new Fn("erf", FloatFunctions::erf, Erf::erf));

    /** Position on the line of floats, so that the distance of two finite floats is their ulp distance. */
    private static long ordinal(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits < 0 ? -(long) (bits & 0x7fffffff) : bits;
    }

    /** {@code actual} within {@code ulps} of {@code expected}; NaN, infinities and zeros (with their sign) exactly. */
    static void assertWithin(long ulps, float expected, float actual, String what) {
        if (ulps == 0 || Float.isNaN(expected) || Float.isInfinite(expected) || expected == 0) {
            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual), what);  // sign of zero included
            return;
        }
        long off = Math.abs(ordinal(expected) - ordinal(actual));
        assertTrue(off <= ulps, what + ": expected " + expected + ", got " + actual + " (" + off + " ulps)");
    }

    private static float[] values(Random r) {
        float[] v = new float[20_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (i % 5) {
                case 0 -> (float) r.nextGaussian();
                case 1 -> (float) (r.nextGaussian() * 4);
                case 2 -> (float) (r.nextGaussian() * 40);
                case 3 -> Float.intBitsToFloat(r.nextInt());
                default -> SPECIAL[r.nextInt(SPECIAL.length)];
            };
        }
        return v;
    }

    private static void check(FloatFunctions kernel, long ulps) {
        float[] x = values(new Random(11));
        for (Fn fn : FUNCTIONS) {
            float[] out = new float[x.length + 3];
            fn.kernel().apply(kernel, x, 0, out, 3, x.length);
            for (int i = 0; i < x.length; i++) {
                assertWithin(ulps, (float) fn.reference().applyAsDouble(x[i]), out[3 + i], fn.name() + "(" + x[i] + ")");
            }
        }
    }

    @Test
    void scalarFunctionsEqualTheDoubleReferenceRoundedOnce() {
        check(new ScalarFloatFunctions(), 0);
    }

    @Test
    void simdFunctionsStayWithinTwoUlps() {
        Simd.functions().ifPresent(kernel -> check(kernel, 2));
    }

    @Test
    void simdRunsOfEveryLengthAndOffsetAgreeElementByElementInPlaceToo() {
        FloatFunctions kernel = Simd.functions().orElseGet(ScalarFloatFunctions::new);
        Random r = new Random(12);
        for (Fn fn : FUNCTIONS) {
            for (int n = 0; n <= 40; n++) {
                float[] x = new float[n + 5];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (r.nextGaussian() * 3);
                }
                float[] one = new float[1];
                float[] out = new float[n + 7];
                fn.kernel().apply(kernel, x, 5 - n % 5, out, 7 - n % 7, n);
                float[] inPlace = x.clone();
                fn.kernel().apply(kernel, inPlace, 2, inPlace, 2, n);
                for (int i = 0; i < n; i++) {
                    fn.kernel().apply(kernel, x, 5 - n % 5 + i, one, 0, 1);
                    assertEquals(one[0], out[7 - n % 7 + i], fn.name() + " n=" + n + " element " + i + " alone and in a run");
                }
                for (int i = 2; i < 2 + n; i++) {
                    fn.kernel().apply(kernel, x, i, one, 0, 1);
                    assertEquals(one[0], inPlace[i], fn.name() + " n=" + n + " in place at " + i);
                }
            }
        }
    }
}
