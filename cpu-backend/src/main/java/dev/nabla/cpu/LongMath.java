package dev.nabla.cpu;

import dev.nabla.backend.BinaryOp;
import dev.nabla.backend.ReduceOp;
import dev.nabla.backend.UnaryOp;

/**
 * INT64 elementwise functions and reductions over long blocks, exact in 64-bit two's complement: sums,
 * differences, products and powers wrap on overflow as PyTorch's int64 does, and comparisons see every bit
 * (through double, 2^53 + 1 would equal 2^53).
 */
final class LongMath {

    private LongMath() {
    }

    /** Whether {@code op} has an exact integer form here; the others (exp, log, ...) are evaluated in double. */
    static boolean isExact(UnaryOp op) {
        return switch (op) {
            case NEG, ABS, SIGN, RELU, FLOOR, NONFINITE -> true;
            case EXP, LOG, SQRT, SIGMOID, TANH, SIN, COS, ERF, LOG1P, EXPM1 -> false;
        };
    }

    /** {@code x[i] = op(x[i])} for an op that {@link #isExact}; {@code abs} and {@code -} of the minimum wrap. */
    static void unary(UnaryOp op, long[] x, int n) {
        switch (op) {
            case NEG -> { for (int i = 0; i < n; i++) { x[i] = -x[i]; } }
            case ABS -> { for (int i = 0; i < n; i++) { x[i] = Math.abs(x[i]); } }
            case SIGN -> { for (int i = 0; i < n; i++) { x[i] = Long.signum(x[i]); } }
            case RELU -> { for (int i = 0; i < n; i++) { x[i] = Math.max(x[i], 0); } }
            case FLOOR -> { }
            case NONFINITE -> java.util.Arrays.fill(x, 0, n, 0);
            default -> throw new IllegalArgumentException("LongMath.unary: " + op + " has no exact integer form");
        }
    }

    /** {@code a[i] = op(a[i], b[i])}; see {@link BinaryOp} for division by zero and negative exponents. */
    static void binary(BinaryOp op, long[] a, long[] b, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) { a[i] += b[i]; } }
            case SUB -> { for (int i = 0; i < n; i++) { a[i] -= b[i]; } }
            case MUL -> { for (int i = 0; i < n; i++) { a[i] *= b[i]; } }
            case DIV -> { for (int i = 0; i < n; i++) { a[i] = FloorDivision.truncatedDivide(a[i], b[i]); } }
            case POW -> { for (int i = 0; i < n; i++) { a[i] = pow(a[i], b[i]); } }
            case MAX -> { for (int i = 0; i < n; i++) { a[i] = Math.max(a[i], b[i]); } }
            case MIN -> { for (int i = 0; i < n; i++) { a[i] = Math.min(a[i], b[i]); } }
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

    /**
     * {@code base^exponent} by binary powering, wrapping like repeated multiplication; a negative exponent gives
     * 1 for base 1, ±1 for base −1 and 0 otherwise (PyTorch's rule).
     */
    static long pow(long base, long exponent) {
        if (exponent < 0) {
            return base == 1 ? 1 : base == -1 ? ((exponent & 1) == 0 ? 1 : -1) : 0;
        }
        long result = 1;
        for (long e = exponent, b = base; e != 0; e >>>= 1, b *= b) {
            if ((e & 1) != 0) {
                result *= b;
            }
        }
        return result;
    }

    /** The value a reduction starts from: 0 for a sum, the other end of the range for MAX and MIN. */
    static long identity(ReduceOp op) {
        return switch (op) {
            case SUM -> 0;
            case MAX -> Long.MIN_VALUE;
            case MIN -> Long.MAX_VALUE;
        };
    }

    /** {@code acc} combined with {@code n} values of {@code v} from {@code offset}, {@code stride} apart. */
    static long combine(ReduceOp op, long acc, long[] v, int offset, int stride, int n) {
        switch (op) {
            case SUM -> {
                for (int i = 0, p = offset; i < n; i++, p += stride) {
                    acc += v[p];
                }
            }
            case MAX -> {
                for (int i = 0, p = offset; i < n; i++, p += stride) {
                    acc = Math.max(acc, v[p]);
                }
            }
            case MIN -> {
                for (int i = 0, p = offset; i < n; i++, p += stride) {
                    acc = Math.min(acc, v[p]);
                }
            }
        }
        return acc;
    }

    /**
     * The index of the first maximum ({@link ReduceOp#MAX}) or minimum of {@code n > 0} values {@code stride} apart.
     */
    static int argBest(ReduceOp op, long[] v, int offset, int stride, int n) {
        int best = 0;
        long bestValue = v[offset];
        for (int i = 1, p = offset + stride; i < n; i++, p += stride) {
            if (op == ReduceOp.MAX ? v[p] > bestValue : v[p] < bestValue) {
                best = i;
                bestValue = v[p];
            }
        }
        return best;
    }
}
