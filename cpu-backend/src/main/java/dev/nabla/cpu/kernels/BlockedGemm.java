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
        Blocking bl = kernel.blocking();
        GemmPartition.forEachTile(batches, m, n, k, bl, parallel, (batch, i0, i1, j0, j1) -> {
            int cOff = cOffsets[batch];
            boolean accumulate = beta != 0;
            if (accumulate && beta != 1) {
                scale(c, cOff, ldc, i0, i1, j0, j1, beta);
            }
            if (k == 0) {
                if (!accumulate) {
                    scale(c, cOff, ldc, i0, i1, j0, j1, 0);
                }
                return;
            }
            Panels ops = new Panels(kernel, buffers(bl), a, aOffsets[batch], as, b, bOffsets[batch], bs, c, cOff, ldc);
            GemmLoops.run(bl, ops, i0, i1, j0, j1, k, accumulate);
        });
    }

    private void scale(A c, int cOff, int ldc, int i0, int i1, int j0, int j1, double factor) {
        for (int i = i0; i < i1; i++) {
            arrays.scale(c, cOff + i * ldc + j0, cOff + i * ldc + j1, factor);
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

    /** Packing, micro-kernel calls and edge merges over one batch's operands. */
    private final class Panels extends TilePanels {
        private final GemmMicroKernel<A> kernel;
        private final A packedA;
        private final A packedB;
        private final A edge;
        private final A a;
        private final A b;
        private final A c;

        Panels(GemmMicroKernel<A> kernel, List<A> buffers, A a, int aOff, MatrixStrides as, A b, int bOff,
                MatrixStrides bs, A c, int cOff, int ldc) {
            super(kernel.blocking(), aOff, as, bOff, bs, cOff, ldc);
            this.kernel = kernel;
            this.packedA = buffers.get(0);
            this.packedB = buffers.get(1);
            this.edge = buffers.get(2);
            this.a = a;
            this.b = b;
            this.c = c;
        }

        @Override
        public void packA(int i0, int p0, int mc, int kc) {
            pack(a, aBlock(i0, p0), as.row(), as.col(), mc, kc, bl.mr(), packedA);
        }

        @Override
        public void packB(int p0, int j0, int kc, int nc) {
            pack(b, bBlock(p0, j0), bs.col(), bs.row(), nc, kc, bl.nr(), packedB);
        }

        @Override
        void fullTile(int kc, int ai, int bi, int ci, boolean accumulate) {
            kernel.tile(kc, packedA, ai, packedB, bi, c, ci, ldc, accumulate);
        }

        @Override
        void edgeTile(int kc, int ai, int bi, int ci, int rows, int cols, boolean accumulate) {
            int nr = bl.nr();
            kernel.tile(kc, packedA, ai, packedB, bi, edge, 0, nr, false);
            for (int r = 0; r < rows; r++) {
                arrays.merge(edge, r * nr, c, ci + r * ldc, cols, accumulate);
            }
        }

        /**
         * Packs {@code extent} lines (stride {@code across}) of depth {@code kc} (stride
         * {@code along}) into panels of {@code width} lines, each depth step's values adjacent and
         * the last panel zero-padded.
         */
        private void pack(A src, int base, int across, int along, int extent, int kc, int width, A dst) {
            if (across == 1 && width >= WIDE_COPY) {
                arrays.packAdjacentLines(src, base, along, extent, kc, width, dst);
                return;
            }
            for (int i = 0, q = 0; i < extent; i += width, q += kc * width) {
                int lines = Math.min(width, extent - i);
                arrays.packPanel(src, base + i * across, across, along, dst, q, lines, width, kc);
            }
        }
    }
}
