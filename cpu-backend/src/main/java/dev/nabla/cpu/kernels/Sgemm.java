package dev.nabla.cpu.kernels;

/**
 * Single-precision GEMM: {@code C = A · B + beta · C}, batched, over operands with any row and
 * column strides (transposes are stride swaps read in place by the packing). A and B are packed
 * into micro-kernel panels with cache blocking ({@link GemmLoops}), and output tiles are spread
 * over the shared thread pool ({@link GemmPartition}). Pack buffers are thread-local and grow
 * once, so steady-state calls allocate nothing large.
 */
public final class Sgemm {

    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[3][0]);

    private Sgemm() {
    }

    /**
     * One product {@code C = A · B + beta · C} of an {@code m × k} A and a {@code k × n} B,
     * parallel when large enough.
     *
     * @param c row-major output with leading dimension {@code ldc}
     */
    public static void multiply(int m, int n, int k, float[] a, int aOffset, MatrixStrides as, float[] b, int bOffset,
            MatrixStrides bs, float beta, float[] c, int cOffset, int ldc) {
        multiplyBatched(1, m, n, k, a, new int[] {aOffset}, as, b, new int[] {bOffset}, bs, beta, c, new int[] {cOffset},
                ldc, true);
    }

    /**
     * {@code batches} independent products {@code C[i] = A[i] · B[i] + beta · C[i]}.
     *
     * @param aOffsets where each A starts (entries may repeat for a broadcast operand)
     * @param bOffsets where each B starts
     * @param cOffsets where each C starts; C tiles of different batches must not overlap
     * @param parallel whether the pool may be used (false when the caller already runs on every core)
     */
    public static void multiplyBatched(int batches, int m, int n, int k, float[] a, int[] aOffsets, MatrixStrides as,
            float[] b, int[] bOffsets, MatrixStrides bs, float beta, float[] c, int[] cOffsets, int ldc,
            boolean parallel) {
        multiplyBatched(Simd.sgemm(), batches, m, n, k, a, aOffsets, as, b, bOffsets, bs, beta, c, cOffsets, ldc,
                parallel);
    }

    /** {@link #multiplyBatched} with an explicit micro-kernel (tests run both the SIMD and scalar ones). */
    static void multiplyBatched(SgemmMicroKernel kernel, int batches, int m, int n, int k, float[] a, int[] aOffsets,
            MatrixStrides as, float[] b, int[] bOffsets, MatrixStrides bs, float beta, float[] c, int[] cOffsets,
            int ldc, boolean parallel) {
        GemmArguments.check("sgemm", batches, m, n, k, aOffsets, bOffsets, cOffsets, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        Blocking bl = kernel.blocking();
        GemmPartition.forEachTile(batches, m, n, k, bl, parallel, (batch, i0, i1, j0, j1) -> {
            int cOff = cOffsets[batch];
            boolean accumulate = beta != 0f;
            if (accumulate && beta != 1f) {
                scale(c, cOff, ldc, i0, i1, j0, j1, beta);
            }
            if (k == 0) {
                if (!accumulate) {
                    scale(c, cOff, ldc, i0, i1, j0, j1, 0f);
                }
                return;
            }
            Panels ops = new Panels(kernel, buffers(bl), a, aOffsets[batch], as, b, bOffsets[batch], bs, c, cOff, ldc);
            GemmLoops.run(bl, ops, i0, i1, j0, j1, k, accumulate);
        });
    }

    private static void scale(float[] c, int cOff, int ldc, int i0, int i1, int j0, int j1, float factor) {
        for (int i = i0; i < i1; i++) {
            for (int j = cOff + i * ldc + j0, end = cOff + i * ldc + j1; j < end; j++) {
                c[j] *= factor;
            }
        }
    }

    /** This thread's pack buffers (A block, B block, edge tile), grown to fit {@code bl}. */
    private static float[][] buffers(Blocking bl) {
        float[][] buf = BUFFERS.get();
        if (buf[0].length < bl.packedASize()) {
            buf[0] = new float[bl.packedASize()];
        }
        if (buf[1].length < bl.packedBSize()) {
            buf[1] = new float[bl.packedBSize()];
        }
        if (buf[2].length < bl.mr() * bl.nr()) {
            buf[2] = new float[bl.mr() * bl.nr()];
        }
        return buf;
    }

    /** Float packing, micro-kernel calls and edge merges over one batch's operands. */
    private static final class Panels extends TilePanels {
        private final SgemmMicroKernel kernel;
        private final float[] packedA;
        private final float[] packedB;
        private final float[] edge;
        private final float[] a;
        private final float[] b;
        private final float[] c;

        Panels(SgemmMicroKernel kernel, float[][] buffers, float[] a, int aOff, MatrixStrides as, float[] b, int bOff,
                MatrixStrides bs, float[] c, int cOff, int ldc) {
            super(kernel.blocking(), aOff, as, bOff, bs, cOff, ldc);
            this.kernel = kernel;
            this.packedA = buffers[0];
            this.packedB = buffers[1];
            this.edge = buffers[2];
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
                int row = ci + r * ldc;
                for (int j = 0; j < cols; j++) {
                    c[row + j] = accumulate ? c[row + j] + edge[r * nr + j] : edge[r * nr + j];
                }
            }
        }

        /**
         * Packs {@code extent} lines (stride {@code across}) of depth {@code kc} (stride
         * {@code along}) into panels of {@code width} lines, each depth step's values adjacent and
         * the last panel zero-padded.
         */
        private static void pack(float[] src, int base, int across, int along, int extent, int kc, int width,
                float[] dst) {
            int q = 0;
            for (int i = 0; i < extent; i += width) {
                int lines = Math.min(width, extent - i);
                int start = base + i * across;
                if (across == 1 && lines == width) {
                    for (int p = 0; p < kc; p++, q += width) {
                        System.arraycopy(src, start + p * along, dst, q, width);
                    }
                    continue;
                }
                for (int p = 0; p < kc; p++, q += width) {
                    int s = start + p * along;
                    for (int r = 0; r < lines; r++) {
                        dst[q + r] = src[s + r * across];
                    }
                    java.util.Arrays.fill(dst, q + lines, q + width, 0f);
                }
            }
        }
    }
}
