package dev.nabla.cpu.kernels;

/**
 * The index arithmetic of {@link PanelOps}: operand placement and the macro-kernel loop that walks
 * register tiles over a packed block. The subclass holds the arrays and supplies packing, the
 * micro-kernel call and the edge-tile merge.
 */
abstract class TilePanels implements PanelOps {

    /** Register and cache blocking of the micro-kernel. */
    protected final Blocking bl;
    /** Start of A. */
    protected final int aOff;
    /** Strides of A. */
    protected final MatrixStrides as;
    /** Start of B. */
    protected final int bOff;
    /** Strides of B. */
    protected final MatrixStrides bs;
    /** Start of C. */
    protected final int cOff;
    /** Strides of C; tiles go straight into C only when its columns are adjacent. */
    protected final MatrixStrides cs;

    TilePanels(Blocking bl, int aOff, MatrixStrides as, int bOff, MatrixStrides bs, int cOff, MatrixStrides cs) {
        this.bl = bl;
        this.aOff = aOff;
        this.as = as;
        this.bOff = bOff;
        this.bs = bs;
        this.cOff = cOff;
        this.cs = cs;
    }

    /**
     * Runs the micro-kernel on the A panel of block row {@code ir} and the B panel of block column {@code jr}
     * straight into C at {@code ci}.
     */
    abstract void fullTile(int kc, int ir, int jr, int ci, boolean accumulate);

    /** Runs the micro-kernel into a scratch tile and merges its {@code rows × cols} corner into C at {@code ci}. */
    abstract void edgeTile(int kc, int ir, int jr, int ci, int rows, int cols, boolean accumulate);

    @Override
    public final void multiplyPacked(int i0, int j0, int mc, int nc, int kc, boolean accumulate) {
        int mr = bl.mr();
        int nr = bl.nr();
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            for (int ir = 0; ir < mc; ir += mr) {
                int rows = Math.min(mr, mc - ir);
                int ci = cOff + (i0 + ir) * cs.row() + (j0 + jr) * cs.col();
                if (rows == mr && cols == nr && cs.col() == 1) {
                    fullTile(kc, ir, jr, ci, accumulate);
                } else {
                    edgeTile(kc, ir, jr, ci, rows, cols, accumulate);
                }
            }
        }
    }

    /** Where A's block at row {@code i0}, depth {@code p0} starts. */
    final int aBlock(int i0, int p0) {
        return aOff + i0 * as.row() + p0 * as.col();
    }

    /** Where B's block at depth {@code p0}, column {@code j0} starts. */
    final int bBlock(int p0, int j0) {
        return bOff + p0 * bs.row() + j0 * bs.col();
    }
}
