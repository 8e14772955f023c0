package dev.nabla.cpu.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 6 × 8 double micro-kernel on 256-bit vectors, the float kernel's register plan at half the
 * lanes: twelve accumulators (six rows × two vectors of four) plus two B vectors and one
 * broadcast. Each product is one fused multiply-add, so a dot product rounds once per step
 * instead of twice, never less accurately than the scalar kernel's separate multiply and add.
 * Loaded only when the {@code jdk.incubator.vector} module is present.
 */
final class VectorDgemmKernel implements GemmMicroKernel<double[]> {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private static final int L = 4;
    /** A 72 × 256 A block (147 KB) stays in L2, a 256 × 8 B panel (16 KB) in L1. */
    private static final Blocking BLOCKING = new Blocking(6, 8, 72, 256, 2040);

    /** Public no-argument constructor: the class is created reflectively so it never loads without the module. */
    public VectorDgemmKernel() {
    }

    @Override
    public Blocking blocking() {
        return BLOCKING;
    }

    @Override
    public void tile(int kc, double[] a, int ai, double[] b, int bi, double[] c, int ci, int ldc, boolean accumulate) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c40 = c00;
        DoubleVector c41 = c00;
        DoubleVector c50 = c00;
        DoubleVector c51 = c00;
        int ap = ai;
        int bp = bi;
        for (int p = 0; p < kc; p++, ap += 6, bp += 8) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector x = DoubleVector.broadcast(S, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[ap + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[ap + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[ap + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, a[ap + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, a[ap + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        store(c00, c01, c, ci, accumulate);
        store(c10, c11, c, ci + ldc, accumulate);
        store(c20, c21, c, ci + 2 * ldc, accumulate);
        store(c30, c31, c, ci + 3 * ldc, accumulate);
        store(c40, c41, c, ci + 4 * ldc, accumulate);
        store(c50, c51, c, ci + 5 * ldc, accumulate);
    }

    private static void store(DoubleVector lo, DoubleVector hi, double[] c, int at, boolean accumulate) {
        if (accumulate) {
            lo = lo.add(DoubleVector.fromArray(S, c, at));
            hi = hi.add(DoubleVector.fromArray(S, c, at + L));
        }
        lo.intoArray(c, at);
        hi.intoArray(c, at + L);
    }
}
