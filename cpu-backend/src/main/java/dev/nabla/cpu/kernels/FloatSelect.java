package dev.nabla.cpu.kernels;

import dev.nabla.backend.BinaryOp;

/**
 * The elementwise float ops whose scalar form is a data-dependent branch (ReLU, comparisons,
 * where). On random signs such a branch mispredicts half the time, so the SIMD implementation
 * ({@link Simd#select()}) uses compare-and-blend instead; results are identical. All operands are
 * contiguous runs starting at the given offsets.
 */
public interface FloatSelect {

    /** {@code out[oo + i] = x[xo + i] > 0 ? x[xo + i] : 0} (NaN and −0 give +0). */
    void relu(float[] x, int xo, float[] out, int oo, int n);

    /** {@code out[oo + i] = a[ao + i] op b[bo + i] ? 1 : 0}; {@code op} is a comparison. */
    void compare(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

    /** {@code out[oo + i] = cond[co + i] != 0 ? a[ao + i] : b[bo + i]}. */
    void where(float[] cond, int co, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);
}
