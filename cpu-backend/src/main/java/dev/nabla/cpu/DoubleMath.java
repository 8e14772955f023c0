package dev.nabla.cpu;

import dev.nabla.backend.BinaryOp;
import dev.nabla.backend.UnaryOp;

/** The elementwise functions over double blocks, one loop per op so the JIT can vectorise. */
final class DoubleMath {

    private DoubleMath() {
    }

    /** {@code x[i] = op(x[i])}. */
    static void unary(UnaryOp op, double[] x, int n) {
        switch (op) {
            case NEG -> { for (int i = 0; i < n; i++) { x[i] = -x[i]; } }
            case EXP -> { for (int i = 0; i < n; i++) { x[i] = Math.exp(x[i]); } }
            case LOG -> { for (int i = 0; i < n; i++) { x[i] = Math.log(x[i]); } }
            case SQRT -> { for (int i = 0; i < n; i++) { x[i] = Math.sqrt(x[i]); } }
            case ABS -> { for (int i = 0; i < n; i++) { x[i] = Math.abs(x[i]); } }
            case SIGN -> { for (int i = 0; i < n; i++) { x[i] = Math.signum(x[i]); } }
            case SIGMOID -> { for (int i = 0; i < n; i++) { x[i] = sigmoid(x[i]); } }
            case TANH -> { for (int i = 0; i < n; i++) { x[i] = Math.tanh(x[i]); } }
            case RELU -> { for (int i = 0; i < n; i++) { x[i] = x[i] <= 0 ? 0.0 : x[i]; } }
            case SIN -> { for (int i = 0; i < n; i++) { x[i] = Math.sin(x[i]); } }
            case COS -> { for (int i = 0; i < n; i++) { x[i] = Math.cos(x[i]); } }
            case ERF -> { for (int i = 0; i < n; i++) { x[i] = Erf.erf(x[i]); } }
            case FLOOR -> { for (int i = 0; i < n; i++) { x[i] = Math.floor(x[i]); } }
            case NONFINITE -> { for (int i = 0; i < n; i++) { x[i] = Double.isFinite(x[i]) ? 0 : 1; } }
            case LOG1P -> { for (int i = 0; i < n; i++) { x[i] = Math.log1p(x[i]); } }
            case EXPM1 -> { for (int i = 0; i < n; i++) { x[i] = Math.expm1(x[i]); } }
        }
    }

    /**
     * The shift of a max-shifted exponential sum over {@code v[0..n)}: the maximum, or 0 when it is infinite (a
     * row of −∞ then sums to 0, so its log-sum is −∞, as the composed ops give); a NaN propagates.
     */
    static double expShift(double[] v, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, v[i]);
        }
        return Double.isInfinite(max) ? 0 : max;
    }

    /** {@code Σ exp(v[i] − shift)} over {@code v[0..n)}. */
    static double sumExp(double[] v, int n, double shift) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(v[i] - shift);
        }
        return sum;
    }

    /** A sigmoid that never overflows: it evaluates e^-|x| only. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** {@code a[i] = op(a[i], b[i])}. */
    static void binary(BinaryOp op, double[] a, double[] b, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) { a[i] += b[i]; } }
            case SUB -> { for (int i = 0; i < n; i++) { a[i] -= b[i]; } }
            case MUL -> { for (int i = 0; i < n; i++) { a[i] *= b[i]; } }
            case DIV -> { for (int i = 0; i < n; i++) { a[i] /= b[i]; } }
            case POW -> { for (int i = 0; i < n; i++) { a[i] = Math.pow(a[i], b[i]); } }
            case MAX -> { for (int i = 0; i < n; i++) { a[i] = Double.isNaN(b[i]) ? b[i] : Math.max(a[i], b[i]); } }
            case MIN -> { for (int i = 0; i < n; i++) { a[i] = Double.isNaN(b[i]) ? b[i] : Math.min(a[i], b[i]); } }
            case EQ -> { for (int i = 0; i < n; i++) { a[i] = a[i] == b[i] ? 1 : 0; } }
            case NE -> { for (int i = 0; i < n; i++) { a[i] = a[i] != b[i] ? 1 : 0; } }
            case LT -> { for (int i = 0; i < n; i++) { a[i] = a[i] < b[i] ? 1 : 0; } }
            case LE -> { for (int i = 0; i < n; i++) { a[i] = a[i] <= b[i] ? 1 : 0; } }
            case GT -> { for (int i = 0; i < n; i++) { a[i] = a[i] > b[i] ? 1 : 0; } }
            case GE -> { for (int i = 0; i < n; i++) { a[i] = a[i] >= b[i] ? 1 : 0; } }
            case FLOOR_DIVIDE -> { for (int i = 0; i < n; i++) { a[i] = FloorDivision.floorDivide(a[i], b[i]); } }
            case REMAINDER -> { for (int i = 0; i < n; i++) { a[i] = FloorDivision.remainder(a[i], b[i]); } }
        }
    }
}
