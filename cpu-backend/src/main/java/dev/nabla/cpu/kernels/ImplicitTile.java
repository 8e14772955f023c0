package dev.nabla.cpu.kernels;

/**
 * The micro-kernel of {@link ImplicitConv}: one 6 × 16 tile of a product whose left operand is
 * never materialised. Element {@code (i, p)} of the left operand is {@code src[rows[rb + i] + cols[p]]}:
 * for a convolution, a row is an output position (or a kernel tap) and a column a kernel tap (or
 * an output position), so the input image itself serves as the matrix. The right operand is a
 * packed panel, 16 values per depth step.
 */
interface ImplicitTile {

    /** Rows per tile. */
    int ROWS = 6;
    /** Columns per tile (the width of a packed right-hand panel). */
    int COLS = 16;

    /**
     * {@code out[i · 16 + j] = Σ_{p0 <= p < p1} src[rows[rb + i] + cols[p]] · panel[at + (p − p0) · 16 + j]}
     * for {@code i < 6}, {@code j < 16}, summed in order of {@code p}.
     */
    void tile(float[] src, int[] rows, int rb, int[] cols, int p0, int p1, float[] panel, int at, float[] out);
}
