package dev.nabla.cpu.kernels;

/**
 * Packing blocks of A and B into the micro-kernel's panel layout and running the micro-kernel over
 * a packed block: what {@link GemmLoops} drives. {@link BlockedGemm} implements it once for both
 * element types.
 */
interface PanelOps {

    /** Packs rows {@code [i0, i0+mc)} and depth {@code [p0, p0+kc)} of A into row panels of {@code mr}. */
    void packA(int i0, int p0, int mc, int kc);

    /** Packs depth {@code [p0, p0+kc)} and columns {@code [j0, j0+nc)} of B into column panels of {@code nr}. */
    void packB(int p0, int j0, int kc, int nc);

    /**
     * Multiplies the packed blocks into C's block at {@code (i0, j0)}.
     *
     * @param accumulate add to C (true) or overwrite it (false)
     */
    void multiplyPacked(int i0, int j0, int mc, int nc, int kc, boolean accumulate);
}
