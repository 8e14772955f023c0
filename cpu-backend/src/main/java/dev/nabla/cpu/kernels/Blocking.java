package dev.nabla.cpu.kernels;

/**
 * Register and cache block sizes of one GEMM micro-kernel.
 *
 * @param mr rows of the register tile (rows of one packed A micro-panel)
 * @param nr columns of the register tile (columns of one packed B micro-panel)
 * @param mc rows of A packed at once (the A block lives in L2)
 * @param kc depth of one packed block (a B micro-panel of kc × nr stays in L1)
 * @param nc columns of B packed at once (the B block lives in L3)
 */
record Blocking(int mr, int nr, int mc, int kc, int nc) {

    /** Validates that the cache blocks are whole multiples of the register tile. */
    Blocking {
        if (mr < 1 || nr < 1 || mc % mr != 0 || nc % nr != 0 || kc < 1) {
            throw new IllegalArgumentException("Blocking: mc must be a multiple of mr and nc of nr, got mr=" + mr + " nr="
                    + nr + " mc=" + mc + " kc=" + kc + " nc=" + nc);
        }
    }

    /** Elements of the packed A buffer for one block. */
    int packedASize() {
        return mc * kc;
    }

    /** Elements of the packed B buffer for one block. */
    int packedBSize() {
        return kc * nc;
    }
}
