package dev.nabla.cpu.kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * The GEMM driver shared by {@link Sgemm} and {@link Dgemm}: {@code C = A · B + beta · C}, batched,
 * over operands with any row and column strides (transposes are stride swaps read in place by the
 * packing). A and B are packed into micro-kernel panels with cache blocking ({@link GemmLoops}),
 * and output tiles are spread over the shared thread pool ({@link GemmPartition}). Pack buffers are
 * thread-local and grow once, so steady-state calls allocate nothing large.
 *
 * @param <A> the element array type
 */
final class BlockedGemm<A> {

    /**
     * Panel width from which adjacent lines are packed with {@link GemmArrays#packAdjacentLines}: its
     * array copies beat element loops for 16 floats (0.37 against 0.87 ns per element) but not for 6.
     */
    private static final int WIDE_COPY = 16;
    /**
     * Rows of A up to which a row-major B is read in place rather than packed: with so few A panels to reuse a
     * packed B block, packing it cost more than reading it from L2 (one thread, 32 × 256 × 1024: 58 GFLOP/s
     * packed, 87–93 in place; 64 × 784 × 256: 77 and 100).
     */
    private static final int DIRECT_B_ROWS = 96;

    private final String name;
    private final GemmArrays<A> arrays;
    /** Per thread: the packed A block, the packed B block and the edge tile. */
    private final ThreadLocal<List<A>> buffers;

    /**
     * @param name the operation named in argument errors ({@code sgemm}, {@code dgemm})
     * @param arrays the element type's array operations
     */
    BlockedGemm(String name, GemmArrays<A> arrays) {
        this.name = name;
        this.arrays = arrays;
        this.buffers = ThreadLocal.withInitial(() -> new ArrayList<>(List.of(arrays.allocate(0), arrays.allocate(0),
                arrays.allocate(0))));
    }

    /**
     * {@code batches} independent products {@code C[i] = A[i] · B[i] + beta · C[i]}.
     *
     * @param aOffsets where each A starts (entries may repeat for a broadcast operand)
     * @param bOffsets where each B starts
     * @param cOffsets where each C starts; C tiles of different batches must not overlap
     * @param beta exactly representable in the element type (callers pass their own type's value)
     * @param parallel whether the pool may be used (false when the caller already runs on every core)
     */
    void multiplyBatched(GemmMicroKernel<A> kernel, int batches, int m, int n, int k, A a, int[] aOffsets,
            MatrixStrides as, A b, int[] bOffsets, MatrixStrides bs, double beta, A c, int[] cOffsets, int ldc,
            boolean parallel) {
        GemmArguments.check(name, batches, m, n, k, aOffsets, bOffsets, cOffsets, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (transposes(kernel, m, n, k, as, bs)) {
            run(kernel, batches, n, m, k, b, bOffsets, flip(bs), a, aOffsets, flip(as), beta, c, cOffsets,
                    new MatrixStrides(1, ldc), parallel);
        } else {
            run(kernel, batches, m, n, k, a, aOffsets, as, b, bOffsets, bs, beta, c, cOffsets,
                    MatrixStrides.rowMajor(ldc), parallel);
        }
    }

    /**
     * Whether to compute {@code Cᵀ = Bᵀ · Aᵀ} instead, by a rough count of the packing work: an A with adjacent
     * row elements and a B with adjacent column elements are packed by array copies, anything else element by
     * element, and a transposed C goes through the edge tile once per depth block.
     * So a Linear layer's {@code x · Wᵀ} on a batch of 64, or an LSTM step on 32 rows, transposes the small x
     * rather than the whole weight, and a weight gradient {@code xᵀ · g} with few output columns transposes g
     * rather than x. Only with a {@link RowPanelKernel}, whose row panels make the cheap A packing possible.
     */
    private static boolean transposes(GemmMicroKernel<?> kernel, int m, int n, int k, MatrixStrides as,
            MatrixStrides bs) {
        if (!(kernel instanceof RowPanelKernel)) {
            return false;
        }
        long direct = packing(m, n, k, as, bs);
        int depthBlocks = (k + kernel.blocking().kc() - 1) / kernel.blocking().kc();
        long transposed = packing(n, m, k, flip(bs), flip(as)) + (long) MERGING * m * n * depthBlocks;
        return transposed < direct;
    }

    /**
     * Relative costs per value, against an array copy: packing element by element, and merging an edge tile
     * into a transposed C. Calibrated on one thread (2026-12-07, Zen 4) so that the choice is right for the
     * training shapes: for example 32 × 1024 × 256 with B transposed 44 → 69 GFLOP/s transposed, and
     * 784 × 256 × 64 with A transposed 81 direct against 60 transposed.
     */
    private static final int TRANSPOSING = 10;
    private static final int MERGING = 4;

    private static long packing(int m, int n, int k, MatrixStrides as, MatrixStrides bs) {
        return (long) m * k * (as.col() == 1 ? 1 : TRANSPOSING) + (long) k * n * (bs.col() == 1 ? 1 : TRANSPOSING);
    }

    private static MatrixStrides flip(MatrixStrides s) {
        return new MatrixStrides(s.col(), s.row());
    }

    /** The product with C's element (i, j) at {@code cOffsets[batch] + i·cs.row() + j·cs.col()}. */
    private void run(GemmMicroKernel<A> kernel, int batches, int m, int n, int k, A a, int[] aOffsets,
            MatrixStrides as, A b, int[] bOffsets, MatrixStrides bs, double beta, A c, int[] cOffsets,
            MatrixStrides cs, boolean parallel) {
        Blocking bl = kernel.blocking();
        GemmPartition.forEachTile(batches, m, n, k, bl, parallel, (batch, i0, i1, j0, j1) -> {
            int cOff = cOffsets[batch];
            boolean accumulate = beta != 0;
            if (accumulate && beta != 1) {
                scale(c, cOff, cs, i0, i1, j0, j1, beta);
            }
            if (k == 0) {
                if (!accumulate) {
                    scale(c, cOff, cs, i0, i1, j0, j1, 0);
                }
                return;
            }
            Panels ops = new Panels(kernel, buffers(bl), a, aOffsets[batch], as, b, bOffsets[batch], bs, c, cOff, cs,
                    i1 - i0);
            GemmLoops.run(bl, ops, i0, i1, j0, j1, k, accumulate);
        });
    }

    /** Scales C's block {@code [i0, i1) × [j0, j1)} run by run along whichever index is contiguous. */
    private void scale(A c, int cOff, MatrixStrides cs, int i0, int i1, int j0, int j1, double factor) {
        if (cs.col() == 1) {
            for (int i = i0; i < i1; i++) {
                arrays.scale(c, cOff + i * cs.row() + j0, cOff + i * cs.row() + j1, factor);
            }
        } else {
            for (int j = j0; j < j1; j++) {
                arrays.scale(c, cOff + j * cs.col() + i0, cOff + j * cs.col() + i1, factor);
            }
        }
    }

    /** This thread's pack buffers (A block, B block, edge tile), grown to fit {@code bl}. */
    private List<A> buffers(Blocking bl) {
        List<A> buf = buffers.get();
        int[] sizes = {bl.packedASize(), bl.packedBSize(), bl.mr() * bl.nr()};
        for (int i = 0; i < sizes.length; i++) {
            if (arrays.length(buf.get(i)) < sizes[i]) {
                buf.set(i, arrays.allocate(sizes[i]));
            }
        }
        return buf;
    }

    /**
     * Packing, micro-kernel calls and edge merges over one batch's operands. A is packed as row panels when the
     * kernel reads them ({@link RowPanelKernel}) and A's rows are contiguous, interleaved otherwise; B is read
     * in place, but for its last partial panel, when A's rows are few and B's are contiguous.
     */
    private final class Panels extends TilePanels {
        private final GemmMicroKernel<A> kernel;
        private final RowPanelKernel<A> rowKernel;
        private final boolean directB;
        private final A packedA;
        private final A packedB;
        private final A edge;
        private final A a;
        private final A b;
        private final A c;
        /** The depth offset and first column of the B block last packed. */
        private int p0;
        private int j0;

        Panels(GemmMicroKernel<A> kernel, List<A> buffers, A a, int aOff, MatrixStrides as, A b, int bOff,
                MatrixStrides bs, A c, int cOff, MatrixStrides cs, int rows) {
            super(kernel.blocking(), aOff, as, bOff, bs, cOff, cs);
            this.kernel = kernel;
            this.rowKernel = kernel instanceof RowPanelKernel<A> k && as.col() == 1 ? k : null;
            this.directB = rowKernel != null && bs.col() == 1 && rows <= DIRECT_B_ROWS;
            this.packedA = buffers.get(0);
            this.packedB = buffers.get(1);
            this.edge = buffers.get(2);
            this.a = a;
            this.b = b;
            this.c = c;
        }

        @Override
        public void packA(int i0, int p0, int mc, int kc) {
            if (rowKernel == null) {
                pack(a, aBlock(i0, p0), as.row(), as.col(), mc, kc, bl.mr(), packedA, 0);
                return;
            }
            int mr = bl.mr();
            int stride = bl.kc();
            for (int i = 0; i < mc; i++) {
                System.arraycopy(a, aBlock(i0 + i, p0), packedA, i * stride, kc);
            }
            for (int i = mc; i < (mc + mr - 1) / mr * mr; i++) {
                arrays.clear(packedA, i * stride, i * stride + kc);
            }
        }

        @Override
        public void packB(int p0, int j0, int kc, int nc) {
            this.p0 = p0;
            this.j0 = j0;
            int full = directB ? nc - nc % bl.nr() : 0;
            if (full < nc) {
                pack(b, bBlock(p0, j0 + full), bs.col(), bs.row(), nc - full, kc, bl.nr(), packedB, full * kc);
            }
        }

        @Override
        void fullTile(int kc, int ir, int jr, int ci, boolean accumulate) {
            multiply(kc, ir, jr, c, ci, cs.row(), accumulate, true);
        }

        @Override
        void edgeTile(int kc, int ir, int jr, int ci, int rows, int cols, boolean accumulate) {
            int nr = bl.nr();
            multiply(kc, ir, jr, edge, 0, nr, false, cols == nr);
            if (cs.col() == 1) {
                for (int r = 0; r < rows; r++) {
                    arrays.merge(edge, r * nr, 1, c, ci + r * cs.row(), cols, accumulate);
                }
            } else {
                // a transposed C: each tile column is a run of C
                for (int j = 0; j < cols; j++) {
                    arrays.merge(edge, j, nr, c, ci + j * cs.col(), rows, accumulate);
                }
            }
        }

        /** One micro-kernel call on the panels at {@code (ir, jr)}; {@code wholeB}: the B panel is nr wide. */
        private void multiply(int kc, int ir, int jr, A out, int at, int ld, boolean accumulate, boolean wholeB) {
            if (rowKernel == null) {
                kernel.tile(kc, packedA, ir * kc, packedB, jr * kc, out, at, ld, accumulate);
            } else if (directB && wholeB) {
                rowKernel.tileRows(kc, packedA, ir * bl.kc(), b, bBlock(p0, j0 + jr), bs.row(), out, at, ld, accumulate);
            } else {
                rowKernel.tileRows(kc, packedA, ir * bl.kc(), packedB, jr * kc, bl.nr(), out, at, ld, accumulate);
            }
        }

        /**
         * Packs {@code extent} lines (stride {@code across}) of depth {@code kc} (stride
         * {@code along}) into panels of {@code width} lines from {@code dst[at]}, each depth step's values
         * adjacent and the last panel zero-padded.
         */
        private void pack(A src, int base, int across, int along, int extent, int kc, int width, A dst, int at) {
            if (across == 1 && width >= WIDE_COPY) {
                arrays.packAdjacentLines(src, base, along, extent, kc, width, dst, at);
                return;
            }
            for (int i = 0, q = at; i < extent; i += width, q += kc * width) {
                int lines = Math.min(width, extent - i);
                arrays.packPanel(src, base + i * across, across, along, dst, q, lines, width, kc);
            }
        }
    }
}
