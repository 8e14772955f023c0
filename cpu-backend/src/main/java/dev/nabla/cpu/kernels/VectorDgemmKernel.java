package dev.nabla.cpu.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 6 × 8 double micro-kernel on 256-bit vectors (six rows × two vectors of four), the
 * double-width twin of {@link VectorSgemmKernel}'s register budget. Loaded only when the
 * {@code jdk.incubator.vector} module is present.
 */
final class VectorDgemmKernel implements DgemmMicroKernel {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private static final int L = 4;
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
        DoubleVector[] acc = new DoubleVector[12];
        java.util.Arrays.fill(acc, DoubleVector.zero(S));
        for (int p = 0, ap = ai, bp = bi; p < kc; p++, ap += 6, bp += 8) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            for (int r = 0; r < 6; r++) {
                DoubleVector x = DoubleVector.broadcast(S, a[ap + r]);
                acc[2 * r] = x.fma(b0, acc[2 * r]);
                acc[2 * r + 1] = x.fma(b1, acc[2 * r + 1]);
            }
        }
        for (int r = 0; r < 6; r++) {
            int at = ci + r * ldc;
            DoubleVector lo = acc[2 * r];
            DoubleVector hi = acc[2 * r + 1];
            if (accumulate) {
                lo = lo.add(DoubleVector.fromArray(S, c, at));
                hi = hi.add(DoubleVector.fromArray(S, c, at + L));
            }
            lo.intoArray(c, at);
            hi.intoArray(c, at + L);
        }
    }
}
