package dev.nabla.cpu.kernels;

/**
 * The cache-blocking loop nest of a GEMM over one output tile (the Goto/BLIS order): a block of
 * B (kc × nc) is packed once per depth step and reused for every block of A (mc × kc) that
 * follows; the micro-kernel then streams packed panels from L1/L2.
 */
final class GemmLoops {

    private GemmLoops() {
    }

    /**
     * Computes {@code C[i0:i1, j0:j1] (+)= A[i0:i1, :] · B[:, j0:j1]}.
     *
     * @param accumulate whether C's old values are kept and added to
     */
    static void run(Blocking bl, PanelOps ops, int i0, int i1, int j0, int j1, int k, boolean accumulate) {
        for (int jc = j0; jc < j1; jc += bl.nc()) {
            int nc = Math.min(bl.nc(), j1 - jc);
            for (int pc = 0; pc < k; pc += bl.kc()) {
                int kc = Math.min(bl.kc(), k - pc);
                ops.packB(pc, jc, kc, nc);
                for (int ic = i0; ic < i1; ic += bl.mc()) {
                    int mc = Math.min(bl.mc(), i1 - ic);
                    ops.packA(ic, pc, mc, kc);
                    ops.multiplyPacked(ic, jc, mc, nc, kc, accumulate || pc > 0);
                }
            }
        }
    }
}
