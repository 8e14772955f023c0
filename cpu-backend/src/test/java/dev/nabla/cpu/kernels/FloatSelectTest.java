package dev.nabla.cpu.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.backend.BinaryOp;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The select kernels (scalar, and the SIMD one that the JVM under test loads) against Java's own
 * per-element semantics, on special values (NaN, ±0, ±∞) and lengths around the vector width, at
 * unaligned offsets.
 */
class FloatSelectTest {

    private static final float[] SPECIAL = {Float.NaN, -0f, 0f, 1f, -1f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, 3.5f, 3.5f};
    private static final int[] LENGTHS = {0, 1, 7, 8, 9, 16, 23, 1000};

    private static List<FloatSelect> kernels() {
        return List.of(new ScalarFloatSelect(), Simd.select());
    }

    /** Values drawn from the special ones and small integers, so equal pairs occur often. */
    private static float[] values(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextBoolean() ? SPECIAL[r.nextInt(SPECIAL.length)] : r.nextInt(5) - 2;
        }
        return v;
    }

    private static void assertSame(float expected, float actual, String what) {
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual),
                () -> what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void reluKeepsPositiveValuesAndNanAndMapsTheRestIncludingNegativeZeroToZero() {
        Random r = new Random(1);
        for (FloatSelect k : kernels()) {
            for (int n : LENGTHS) {
                float[] x = values(r, n + 3);
                float[] out = new float[n + 5];
                k.relu(x, 3, out, 5, n);
                for (int i = 0; i < n; i++) {
                    float v = x[3 + i];
                    // PyTorch's relu: NaN propagates, so a diverging network is not masked
                    float expected = v > 0 || Float.isNaN(v) ? v : 0f;
                    assertSame(expected, out[5 + i], k.getClass().getSimpleName() + " relu(" + v + ")");
                }
            }
        }
    }

    @Test
    void comparisonsFollowJavaOperatorsIncludingNan() {
        Random r = new Random(2);
        for (FloatSelect k : kernels()) {
            for (BinaryOp op : List.of(BinaryOp.EQ, BinaryOp.NE, BinaryOp.LT, BinaryOp.LE, BinaryOp.GT, BinaryOp.GE)) {
                for (int n : LENGTHS) {
                    float[] a = values(r, n + 1);
                    float[] b = values(r, n + 2);
                    float[] out = new float[n];
                    k.compare(op, a, 1, b, 2, out, 0, n);
                    for (int i = 0; i < n; i++) {
                        float x = a[1 + i];
                        float y = b[2 + i];
                        boolean t = switch (op) {
                            case EQ -> x == y;
                            case NE -> x != y;
                            case LT -> x < y;
                            case LE -> x <= y;
                            case GT -> x > y;
                            default -> x >= y;
                        };
                        assertSame(t ? 1f : 0f, out[i], k.getClass().getSimpleName() + " " + x + " " + op + " " + y);
                    }
                }
            }
        }
    }

    @Test
    void whereTakesTheFirstBranchForAnyNonZeroConditionIncludingNan() {
        Random r = new Random(3);
        for (FloatSelect k : kernels()) {
            for (int n : LENGTHS) {
                float[] c = values(r, n);
                float[] a = values(r, n + 4);
                float[] b = values(r, n);
                float[] out = new float[n + 1];
                k.where(c, 0, a, 4, b, 0, out, 1, n);
                for (int i = 0; i < n; i++) {
                    assertSame(c[i] != 0 ? a[4 + i] : b[i], out[1 + i], k.getClass().getSimpleName() + " where(" + c[i] + ")");
                }
            }
        }
    }

    @Test
    void theSimdKernelIsTheOneLoadedWhenTheVectorModuleIsPresent() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(module && Simd.enabled(), Simd.select() instanceof VectorFloatSelect);
    }
}
