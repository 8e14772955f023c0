package dev.nabla.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 6 × 16 float micro-kernel on 256-bit vectors: twelve accumulators (six rows × two
 * vectors of eight) plus two B vectors and one broadcast fill fifteen of the sixteen AVX2
 * registers, enough independent FMAs to hide their latency. Loaded only when the
 * {@code jdk.incubator.vector} module is present.
 */
final class VectorSgemmKernel implements RowPanelKernel<float[]> {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int L = 8;
    /** The depth of a packed block, and so the distance between the rows of a row panel. */
    private static final int KC = 384;
    private static final Blocking BLOCKING = new Blocking(6, 16, 120, KC, 4080);

    /** Public no-argument constructor: the class is created reflectively so it never loads without the module. */
    public VectorSgemmKernel() {
    }

    @Override
    public Blocking blocking() {
        return BLOCKING;
    }

    @Override
    public void tile(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        int ap = ai;
        int bp = bi;
        for (int p = 0; p < kc; p++, ap += 6, bp += 16) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ap + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ap + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ap + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ap + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ap + 5]);
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

    /**
     * {@inheritDoc} A copy of {@link #tile} but for the addressing: the Vector API only compiles to SIMD code
     * when every operation is inlined, and one loop serving both layouts through variable strides ran at
     * 60 % of this speed (the six row offsets no longer fit the addressing modes and registers).
     */
    @Override
    public void tileRows(int kc, float[] a, int ai, float[] b, int bi, int bDepth, float[] c, int ci, int ldc,
            boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        int ap = ai;
        int bp = bi;
        for (int p = 0; p < kc; p++, ap++, bp += bDepth) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ap + KC]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ap + 2 * KC]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ap + 3 * KC]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ap + 4 * KC]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ap + 5 * KC]);
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

    private static void store(FloatVector lo, FloatVector hi, float[] c, int at, boolean accumulate) {
        if (accumulate) {
            lo = lo.add(FloatVector.fromArray(S, c, at));
            hi = hi.add(FloatVector.fromArray(S, c, at + L));
        }
        lo.intoArray(c, at);
        hi.intoArray(c, at + L);
    }
}
