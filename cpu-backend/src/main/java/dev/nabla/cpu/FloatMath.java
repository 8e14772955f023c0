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
        switch (op) {
            case NEG -> { for (int i = 0; i < n; i++) { out[oo + i] = -x[xo + i]; } }
            case EXP -> FUNCTIONS.exp(x, xo, out, oo, n);
            case LOG -> { for (int i = 0; i < n; i++) { out[oo + i] = (float) Math.log(x[xo + i]); } }
            case SQRT -> { for (int i = 0; i < n; i++) { out[oo + i] = (float) Math.sqrt(x[xo + i]); } }
            case ABS -> { for (int i = 0; i < n; i++) { out[oo + i] = Math.abs(x[xo + i]); } }
            case SIGN -> { for (int i = 0; i < n; i++) { out[oo + i] = Math.signum(x[xo + i]); } }
            case SIGMOID -> FUNCTIONS.sigmoid(x, xo, out, oo, n);
            case TANH -> FUNCTIONS.tanh(x, xo, out, oo, n);
            case RELU -> SELECT.relu(x, xo, out, oo, n);
            case SIN -> { for (int i = 0; i < n; i++) { out[oo + i] = (float) Math.sin(x[xo + i]); } }
            case COS -> { for (int i = 0; i < n; i++) { out[oo + i] = (float) Math.cos(x[xo + i]); } }
            case ERF -> FUNCTIONS.erf(x, xo, out, oo, n);
            case FLOOR -> { for (int i = 0; i < n; i++) { out[oo + i] = (float) Math.floor(x[xo + i]); } }
            case NONFINITE -> { for (int i = 0; i < n; i++) { out[oo + i] = Float.isFinite(x[xo + i]) ? 0f : 1f; } }
        }
    }

    /** {@code out[oo + i] = op(a[ao + i], b[bo + i])} for {@code i < n}. */
    static void binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) { out[oo + i] = a[ao + i] + b[bo + i]; } }
            case SUB -> { for (int i = 0; i < n; i++) { out[oo + i] = a[ao + i] - b[bo + i]; } }
            case MUL -> { for (int i = 0; i < n; i++) { out[oo + i] = a[ao + i] * b[bo + i]; } }
            case DIV -> { for (int i = 0; i < n; i++) { out[oo + i] = a[ao + i] / b[bo + i]; } }
            case POW -> { for (int i = 0; i < n; i++) { out[oo + i] = (float) Math.pow(a[ao + i], b[bo + i]); } }
            case MAX -> { for (int i = 0; i < n; i++) { out[oo + i] = max(a[ao + i], b[bo + i]); } }
            case MIN -> { for (int i = 0; i < n; i++) { out[oo + i] = min(a[ao + i], b[bo + i]); } }
            case EQ, NE, LT, LE, GT, GE -> SELECT.compare(op, a, ao, b, bo, out, oo, n);
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
