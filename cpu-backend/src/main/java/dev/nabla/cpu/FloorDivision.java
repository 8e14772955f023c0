package dev.nabla.cpu;

/**
 * Floor division and the remainder that goes with it ({@code a == b * floorDivide(a, b) + remainder(a, b)}, the
 * remainder taking the divisor's sign), per element type. The float forms are PyTorch's, evaluated in the
 * operands' own precision so float32 results equal PyTorch's bit for bit; the integer forms are exact.
 */
final class FloorDivision {

    private FloorDivision() {
    }

    /** {@code floor(a / b)} as PyTorch computes it for float32; a zero divisor gives IEEE {@code a / b}. */
    static float floorDivide(float a, float b) {
        if (b == 0) {
            return a / b;
        }
        float mod = a % b;
        float div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) {
            div -= 1;
        }
        if (div == 0) {
            return Math.copySign(0f, a / b);
        }
        // (a - mod) / b is a whole number up to one rounding: take the nearest one
        float floor = (float) Math.floor(div);
        return div - floor > 0.5f ? floor + 1 : floor;
    }

    /** {@code floor(a / b)} as PyTorch computes it for float64; a zero divisor gives IEEE {@code a / b}. */
    static double floorDivide(double a, double b) {
        if (b == 0) {
            return a / b;
        }
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) {
            div -= 1;
        }
        if (div == 0) {
            return Math.copySign(0.0, a / b);
        }
        double floor = Math.floor(div);
        return div - floor > 0.5 ? floor + 1 : floor;
    }

    /** {@code fmod(a, b)} moved to the divisor's sign, as PyTorch's float32 remainder; NaN for a zero divisor. */
    static float remainder(float a, float b) {
        float mod = a % b;
        return mod != 0 && (b < 0) != (mod < 0) ? mod + b : mod;
    }

    /** {@code fmod(a, b)} moved to the divisor's sign, as PyTorch's float64 remainder; NaN for a zero divisor. */
    static double remainder(double a, double b) {
        double mod = a % b;
        return mod != 0 && (b < 0) != (mod < 0) ? mod + b : mod;
    }

    /**
     * {@code floor(a / b)} exactly; {@code Long.MIN_VALUE / -1} wraps to {@code Long.MIN_VALUE}. A zero divisor
     * gives 0: core refuses it before calling, and the CUDA kernels, which cannot throw, give 0 too.
     */
    static long floorDivide(long a, long b) {
        return b == 0 ? 0 : Math.floorDiv(a, b);
    }

    /** {@code a - b * floor(a / b)} exactly, with the divisor's sign; 0 for a zero divisor (see above). */
    static long remainder(long a, long b) {
        return b == 0 ? 0 : Math.floorMod(a, b);
    }

    /** {@code a / b} truncated toward zero (the backend's INT64 DIV); 0 for a zero divisor (see above). */
    static long truncatedDivide(long a, long b) {
        return b == 0 ? 0 : a / b;
    }
}
