package dev.nabla.cpu.kernels;

/** The portable double micro-kernel: plain loops over the same packed layout as the SIMD one. */
final class ScalarDgemmKernel implements GemmMicroKernel<double[]> {

    private final Blocking blocking;

    ScalarDgemmKernel(Blocking blocking) {
        this.blocking = blocking;
    }

    @Override
    public Blocking blocking() {
        return blocking;
    }

    @Override
    public void tile(int kc, double[] a, int ai, double[] b, int bi, double[] c, int ci, int ldc, boolean accumulate) {
        int mr = blocking.mr();
        int nr = blocking.nr();
        double[] acc = new double[mr * nr];
        for (int p = 0; p < kc; p++) {
            int ap = ai + p * mr;
            int bp = bi + p * nr;
            for (int r = 0; r < mr; r++) {
                double av = a[ap + r];
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
