package dev.nabla.cpu.kernels;

/**
 * The innermost GEMM step: one register tile of C from one packed A panel and one packed B panel.
 *
 * @param <A> the element array type ({@code float[]} or {@code double[]})
 */
interface GemmMicroKernel<A> {

    /**
     * {@code C[mr × nr] (+)= Apanel · Bpanel} over depth {@code kc}.
     *
     * @param a packed A: for each depth step, {@code mr} consecutive row values
     * @param ai where the A panel starts
     * @param b packed B: for each depth step, {@code nr} consecutive column values
     * @param bi where the B panel starts
     * @param c output array; row r of the tile starts at {@code ci + r * ldc}
     * @param accumulate add to C (true) or overwrite it
     */
    void tile(int kc, A a, int ai, A b, int bi, A c, int ci, int ldc, boolean accumulate);

    /** The register blocking this kernel is written for. */
    Blocking blocking();
}
