package dev.nabla.cpu.kernels;

/**
 * A micro-kernel that also reads A as a row panel: the {@code mr} rows of the panel each stored contiguously,
 * {@link Blocking#kc()} elements apart, so A's element (r, p) is at {@code a[ai + r·kc + p]}. A row-major A
 * (each row contiguous along the depth, as in most products) is packed that way by one array copy per row,
 * where the interleaved layout of {@link GemmMicroKernel#tile} needs an element-by-element transposition that
 * cost 0.5–1 ns a value, as much as the arithmetic when the other operand is narrow (a 1600 × 64 × 1024 product:
 * 55–60 → 90–98 GFLOP/s). The kernel may also read B in place, {@code bDepth} elements per depth step, when
 * packing B would not pay for itself (few rows of A to reuse it).
 *
 * @param <A> the element array type
 */
interface RowPanelKernel<A> extends GemmMicroKernel<A> {

    /**
     * {@code C[mr × nr] (+)= Apanel · B} over depth {@code kc}, A a row panel, B's element (p, j) at
     * {@code b[bi + p·bDepth + j]} (a packed panel has {@code bDepth = nr}).
     */
    void tileRows(int kc, A a, int ai, A b, int bi, int bDepth, A c, int ci, int ldc, boolean accumulate);
}
