package dev.nabla.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.DType;
import dev.nabla.backend.BinaryOp;
import dev.nabla.backend.Strided;
import dev.nabla.backend.UnaryOp;
import dev.nabla.cpu.kernels.Simd;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The all-float32 elementwise path ({@link FloatRuns}, {@link FloatMath}) against the double path:
 * the same ops on the same values held as float64, rounded to float once, must agree bit for bit
 * (NaNs only as NaNs), on contiguous, broadcast (stride 0) and transposed operands — except the
 * transcendental functions that run on SIMD {@link dev.nabla.cpu.kernels.FloatFunctions} in float, which must
 * agree within 2 ulps (and exactly at NaN, infinities and zeros), and bit for bit without the Vector API.
 */
class FloatElementwiseTest {

    private static final CpuBackend CPU = CpuBackend.INSTANCE;
    private static final float[] SPECIAL = {Float.NaN, -0f, 0f, 1f, -1f, 0.5f, 2f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE, 1e-20f, 88.7f, -104f};
    /** [3, 700]: wider than a block is not needed, but not a multiple of the vector width either. */
    private static final int ROWS = 3;
    private static final int COLS = 700;

    private static float[] values(long seed, int n) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(4) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : (float) (r.nextGaussian() * 3);
        }
        return v;
    }

    private static double[] widened(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** The three operand layouts over the [ROWS, COLS] shape: dense, one row broadcast down, transposed storage. */
    private static Strided view(Object data, int layout) {
        int[] shape = {ROWS, COLS};
        return switch (layout) {
            case 0 -> new Strided(CPU.upload(data), shape, new int[] {COLS, 1}, 0);
            case 1 -> new Strided(CPU.upload(data), shape, new int[] {0, 1}, 0);
            default -> new Strided(CPU.upload(data), shape, new int[] {1, ROWS}, 0);
        };
    }

    private static Strided out(DType dtype) {
        return Strided.contiguous(CPU.allocate(dtype, ROWS * COLS), new int[] {ROWS, COLS});
    }

    /** The ops computed by SIMD float code rather than in double when the Vector API is present. */
    private static final Set<UnaryOp> FLOAT_FUNCTIONS = EnumSet.of(UnaryOp.EXP, UnaryOp.TANH, UnaryOp.SIGMOID,
            UnaryOp.ERF);

    private static void assertAgrees(Strided fromFloats, Strided fromDoubles, String what) {
        assertAgrees(fromFloats, fromDoubles, 0, what);
    }

    /** Agreement within {@code ulps} of the double result rounded once; NaN, infinities and zeros exactly. */
    private static void assertAgrees(Strided fromFloats, Strided fromDoubles, int ulps, String what) {
        float[] f = (float[]) CPU.download(fromFloats);
        double[] d = (double[]) CPU.download(fromDoubles);
        for (int i = 0; i < f.length; i++) {
            float expected = (float) d[i];
            if (Float.isNaN(expected)) {
                assertEquals(true, Float.isNaN(f[i]), what + " at " + i + ": expected NaN, got " + f[i]);
            } else {
                FloatFunctionsTest.assertWithin(ulps, expected, f[i], what + " at " + i);
            }
        }
    }

    @Test
    void unaryOpsMatchTheDoublePathOnEveryLayout() {
        float[] x = values(1, ROWS * COLS);
        for (UnaryOp op : UnaryOp.values()) {
            for (int layout = 0; layout < 3; layout++) {
                Strided f = out(DType.FLOAT32);
                Strided d = out(DType.FLOAT64);
                CPU.unary(op, view(x, layout), f);
                CPU.unary(op, view(widened(x), layout), d);
                assertAgrees(f, d, Simd.enabled() && FLOAT_FUNCTIONS.contains(op) ? 2 : 0, op + " layout " + layout);
            }
        }
    }

    @Test
    void binaryOpsMatchTheDoublePathOnEveryLayoutPair() {
        float[] a = values(2, ROWS * COLS);
        float[] b = values(3, ROWS * COLS);
        for (BinaryOp op : BinaryOp.values()) {
            for (int la = 0; la < 3; la++) {
                for (int lb = 0; lb < 3; lb++) {
                    Strided f = out(DType.FLOAT32);
                    Strided d = out(DType.FLOAT64);
                    CPU.binary(op, view(a, la), view(b, lb), f);
                    CPU.binary(op, view(widened(a), la), view(widened(b), lb), d);
                    assertAgrees(f, d, op + " layouts " + la + "," + lb);
                }
            }
        }
    }

    @Test
    void whereCopyAndFillMatchTheDoublePath() {
        float[] c = values(4, ROWS * COLS);
        float[] a = values(5, ROWS * COLS);
        float[] b = values(6, ROWS * COLS);
        for (int layout = 0; layout < 3; layout++) {
            Strided f = out(DType.FLOAT32);
            Strided d = out(DType.FLOAT64);
            CPU.where(view(c, layout), view(a, 2 - layout), view(b, 1), f);
            CPU.where(view(widened(c), layout), view(widened(a), 2 - layout), view(widened(b), 1), d);
            assertAgrees(f, d, "where layout " + layout);
            Strided fc = out(DType.FLOAT32);
            Strided dc = out(DType.FLOAT64);
            CPU.copy(view(a, layout), fc);
            CPU.copy(view(widened(a), layout), dc);
            assertAgrees(fc, dc, "copy layout " + layout);
        }
        Strided f = out(DType.FLOAT32);
        Strided transposedTarget = new Strided(f.storage(), new int[] {ROWS, COLS}, new int[] {1, ROWS}, 0);
        CPU.fill(transposedTarget, 0.1);
        Strided d = out(DType.FLOAT64);
        CPU.fill(d, 0.1);
        assertAgrees(f, d, "fill 0.1 through a transposed view");
    }
}
