package dev.nabla.cpu.kernels;

/**
 * One output row of a 2 × 2, stride-2, unpadded max pool — the common case, whose four-way
 * comparison per window is a data-dependent branch in scalar code. The SIMD implementation
 * ({@link Simd#pairMax()}) compares eight windows at once with masks instead; both pick the first
 * maximum in window order (top-left, top-right, bottom-left, bottom-right), or the first NaN in that
 * order, as the general loop in {@link FloatPool} does.
 */
public interface PairMax {

    /**
     * For {@code j < ow}: {@code y[out + j]} = the maximum of {@code x[top + 2j]}, {@code x[top + 2j + 1]},
     * {@code x[top + w + 2j]}, {@code x[top + w + 2j + 1]}, and {@code idx[out + j]} its position
     * within the plane, {@code topIndex} being the position of {@code x[top]}.
     */
    void row(float[] x, int top, int w, int topIndex, float[] y, long[] idx, int out, int ow);
}
