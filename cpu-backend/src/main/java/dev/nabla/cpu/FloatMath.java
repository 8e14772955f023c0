package dev.nabla.cpu;

import dev.nabla.backend.BinaryOp;
import dev.nabla.backend.UnaryOp;
import dev.nabla.cpu.kernels.FloatFunctions;
import dev.nabla.cpu.kernels.FloatSelect;
import dev.nabla.cpu.kernels.Simd;

/**
 * The elementwise functions over contiguous float runs, one loop per op so the JIT can vectorise.
 * Results equal the {@link DoubleMath} path's rounded ones bit for bit — +, −, ×, ÷ and √ are
 * correctly rounded in float just as double-then-round is, comparisons and max/min are exact, and
 * log, sin, cos and pow are evaluated in double and rounded once, exactly as there — except exp, tanh,
 * sigmoid and erf, which run on SIMD {@link FloatFunctions} in float within 2 ulps of the correctly rounded
 * value (in double one at a time, and then bit for bit, without the Vector API).
 */
final class FloatMath {

    /** ReLU, comparisons and where: branch-free on SIMD, where a per-element branch would mispredict. */
    private static final FloatSelect SELECT = Simd.select();
    /** The transcendental functions: SIMD in float, or scalar in double without the Vector API. */
    static final FloatFunctions FUNCTIONS = Simd.functions().orElseGet(ScalarFloatFunctions::new);

    private FloatMath() {
    }

    /** {@code out[oo + i] = op(x[xo + i])} for {@code i < n}. */
    static void unary(UnaryOp op, float[] x, int xo, float[] out, int oo, int n) {
        UNARY[op.ordinal()].run(x, xo, out, oo, n);
    }

    private static void neg(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = -x[xo + i];
        }
    }

    private static void log(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) Math.log(x[xo + i]);
        }
    }

    private static void sqrt(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) Math.sqrt(x[xo + i]);
        }
    }

    private static void abs(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = Math.abs(x[xo + i]);
        }
    }

    private static void sign(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = Math.signum(x[xo + i]);
        }
    }

    private static void sin(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) Math.sin(x[xo + i]);
        }
    }

    private static void cos(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) Math.cos(x[xo + i]);
        }
    }

    private static void floor(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) Math.floor(x[xo + i]);
        }
    }

    private static void nonFinite(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = Float.isFinite(x[xo + i]) ? 0f : 1f;
        }
    }

    private static void log1p(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) Math.log1p(x[xo + i]);
        }
    }

    private static void expm1(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) Math.expm1(x[xo + i]);
        }
    }

    /** One binary op's loop over contiguous runs. */
    @FunctionalInterface
    private interface BinaryLoop {
        void run(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);
    }

    /** One unary op's loop over contiguous runs. */
    @FunctionalInterface
    private interface UnaryLoop {
        void run(float[] x, int xo, float[] out, int oo, int n);
    }

    /**
     * Each op's loop, reached through a call that sees many targets and so is never inlined: with every op's
     * loop inlined into one dispatching method (a switch), C2 compiled that method whole and left its loops
     * scalar once the application had used several ops (a 1 M-element product 460–770 µs, against 176 µs for
     * the same loop compiled on its own).
     */
    private static final BinaryLoop[] BINARY = new BinaryLoop[BinaryOp.values().length];
    private static final UnaryLoop[] UNARY = new UnaryLoop[UnaryOp.values().length];

    static {
        BINARY[BinaryOp.ADD.ordinal()] = FloatMath::add;
        BINARY[BinaryOp.SUB.ordinal()] = FloatMath::sub;
        BINARY[BinaryOp.MUL.ordinal()] = FloatMath::mul;
        BINARY[BinaryOp.DIV.ordinal()] = FloatMath::div;
        BINARY[BinaryOp.POW.ordinal()] = FloatMath::pow;
        BINARY[BinaryOp.MAX.ordinal()] = FloatMath::max;
        BINARY[BinaryOp.MIN.ordinal()] = FloatMath::min;
        BINARY[BinaryOp.FLOOR_DIVIDE.ordinal()] = FloatMath::floorDivide;
        BINARY[BinaryOp.REMAINDER.ordinal()] = FloatMath::remainder;
        for (BinaryOp op : BinaryOp.values()) {
            if (op.isComparison()) {
                BINARY[op.ordinal()] = (a, ao, b, bo, out, oo, n) -> SELECT.compare(op, a, ao, b, bo, out, oo, n);
            }
        }
        UNARY[UnaryOp.NEG.ordinal()] = FloatMath::neg;
        UNARY[UnaryOp.EXP.ordinal()] = FUNCTIONS::exp;
        UNARY[UnaryOp.LOG.ordinal()] = FloatMath::log;
        UNARY[UnaryOp.SQRT.ordinal()] = FloatMath::sqrt;
        UNARY[UnaryOp.ABS.ordinal()] = FloatMath::abs;
        UNARY[UnaryOp.SIGN.ordinal()] = FloatMath::sign;
        UNARY[UnaryOp.SIGMOID.ordinal()] = FUNCTIONS::sigmoid;
        UNARY[UnaryOp.TANH.ordinal()] = FUNCTIONS::tanh;
        UNARY[UnaryOp.RELU.ordinal()] = SELECT::relu;
        UNARY[UnaryOp.SIN.ordinal()] = FloatMath::sin;
        UNARY[UnaryOp.COS.ordinal()] = FloatMath::cos;
        UNARY[UnaryOp.ERF.ordinal()] = FUNCTIONS::erf;
        UNARY[UnaryOp.FLOOR.ordinal()] = FloatMath::floor;
        UNARY[UnaryOp.NONFINITE.ordinal()] = FloatMath::nonFinite;
        UNARY[UnaryOp.LOG1P.ordinal()] = FloatMath::log1p;
        UNARY[UnaryOp.EXPM1.ordinal()] = FloatMath::expm1;
    }

    /** {@code out[oo + i] = op(a[ao + i], b[bo + i])} for {@code i < n}. */
    static void binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        BINARY[op.ordinal()].run(a, ao, b, bo, out, oo, n);
    }

    private static void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = a[ao + i] + b[bo + i];
        }
    }

    private static void sub(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = a[ao + i] - b[bo + i];
        }
    }

    private static void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = a[ao + i] * b[bo + i];
        }
    }

    private static void div(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = a[ao + i] / b[bo + i];
        }
    }

    private static void pow(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) Math.pow(a[ao + i], b[bo + i]);
        }
    }

    private static void max(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = max(a[ao + i], b[bo + i]);
        }
    }

    private static void min(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = min(a[ao + i], b[bo + i]);
        }
    }

    private static void floorDivide(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = FloorDivision.floorDivide(a[ao + i], b[bo + i]);
        }
    }

    private static void remainder(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = FloorDivision.remainder(a[ao + i], b[bo + i]);
        }
    }

    /** {@code out[oo + i] = cond[co + i] != 0 ? a[ao + i] : b[bo + i]} for {@code i < n}. */
    static void where(float[] cond, int co, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        SELECT.where(cond, co, a, ao, b, bo, out, oo, n);
    }

    /** The double path's max: a NaN in {@code b} wins, and {@link Math#max} handles a NaN in {@code a} and ±0. */
    private static float max(float a, float b) {
        return Float.isNaN(b) ? b : Math.max(a, b);
    }

    private static float min(float a, float b) {
        return Float.isNaN(b) ? b : Math.min(a, b);
    }
}
