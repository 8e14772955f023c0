package dev.nabla.cpu.kernels;

/**
 * The float32 transcendental functions of the elementwise ops, over contiguous runs:
 * {@code out[oo + i] = f(x[xo + i])} for {@code i < n} ({@code out} may be {@code x} at the same offset). The
 SIMD form ({@link Simd#functions()}) computes in float on vectors, from fitted polynomials of this
 * project's own, within 2 ulps of the correctly rounded result (tested), as PyTorch's vectorised float paths
 * are; the scalar form evaluates in double and rounds once, one value at a time, an order of magnitude slower.
 */
public interface FloatFunctions {

    /** {@code e^x}. */
    void exp(float[] x, int xo, float[] out, int oo, int n);

    /** The hyperbolic tangent. */
    void tanh(float[] x, int xo, float[] out, int oo, int n);

    /** The logistic function {@code 1 / (1 + e^-x)}. */
    void sigmoid(float[] x, int xo, float[] out, int oo, int n);

    /** The error function. */
    void erf(float[] x, int xo, float[] out, int oo, int n);
}
