package dev.nabla.cpu.kernels;

/** The portable float micro-kernel: plain loops over the same packed layouts as the SIMD one. */
final class ScalarSgemmKernel implements RowPanelKernel<float[]> {

    private final Blocking blocking;

    ScalarSgemmKernel(Blocking blocking) {
        this.blocking = blocking;
    }

    @Override
    public Blocking blocking() {
        return blocking;
    }

    @Override
    public void tile(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc, boolean accumulate) {
        multiply(kc, a, ai, 1, blocking.mr(), b, bi, blocking.nr(), c, ci, ldc, accumulate);
    }

    @Override
    public void tileRows(int kc, float[] a, int ai, float[] b, int bi, int bDepth, float[] c, int ci, int ldc,
            boolean accumulate) {
        multiply(kc, a, ai, blocking.kc(), 1, b, bi, bDepth, c, ci, ldc, accumulate);
    }

    /** The tile with A's element (r, p) at {@code a[ai + r·aRow + p·aDepth]} and B's (p, j) at {@code b[bi + p·bDepth + j]}. */
    private void multiply(int kc, float[] a, int ai, int aRow, int aDepth, float[] b, int bi, int bDepth, float[] c,
            int ci, int ldc, boolean accumulate) {
        int mr = blocking.mr();
        int nr = blocking.nr();
        float[] acc = new float[mr * nr];
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * aDepth;
            int bp = bi + p * bDepth;
            for (int r = 0; r < mr; r++) {
                float av = a[ap + r * aRow];
                for (int j = 0; j < nr; j++) {
                    acc[r * nr + j] += av * b[bp + j];
                }
            }
        }
        for (int r = 0; r < mr; r++) {
            int row = ci + r * ldc;
            for (int j = 0; j < nr; j++) {
                c[row + j] = accumulate ? c[row + j] + acc[r * nr + j] : acc[r * nr + j];
            }
        }
    }
}
