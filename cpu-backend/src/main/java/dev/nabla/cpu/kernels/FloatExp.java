package dev.nabla.cpu.kernels;

/**
 * Softmax weights over a float run: {@code exp(x - shift)} in place, and their sum. The SIMD form
 * ({@link Simd#exp()}) calls the vector exponential of the JDK's math library (SVML on x86), about
 * 1.2 ns per value against 11 ns for {@link Math#exp}; its results may differ from the scalar form's
 * in the last bits, so it serves only where float32 results are held to a tolerance, not to the
 * double path's bits (attention weights, float32 softmax rows).
 */
public interface FloatExp {

    /**
     * {@code x[at + i] = exp(x[at + i] - shift)} for {@code i < n}, the difference rounded to float
     * first; {@code -∞} and very negative differences give 0.
     *
     * @return the sum of the new values, accumulated in double
     */
    double expShifted(float[] x, int at, int n, float shift);
}
