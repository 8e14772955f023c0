package dev.nabla.cpu.kernels;

import dev.nabla.cpu.Parallel;

/**
 * Splits a batched GEMM into independent output tiles for the shared thread pool. Whole
 * matrices are the tiles when there are at least as many batches as threads; otherwise each
 * matrix is cut along its longer output side into register-tile aligned strips, so every
 * thread packs only its own share of the wider operand.
 */
final class GemmPartition {

    /** Multiply-adds below which a product stays on the calling thread. */
    private static final long PARALLEL_FLOPS = 1L << 18;

    /** One output tile: rows {@code [i0, i1)} and columns {@code [j0, j1)} of batch {@code batch}. */
    @FunctionalInterface
    interface TileBody {
        /** Computes one tile. */
        void run(int batch, int i0, int i1, int j0, int j1);
    }

    private GemmPartition() {
    }

    /** Runs every tile of a {@code batches × m × n} output with depth {@code k}, in parallel when worth it. */
    static void forEachTile(int batches, int m, int n, int k, Blocking bl, boolean parallel, TileBody body) {
        int threads = parallel ? Parallel.threads() : 1;
        long work = (long) batches * m * n * k;
        if (threads <= 1 || work < PARALLEL_FLOPS) {
            for (int b = 0; b < batches; b++) {
                body.run(b, 0, m, 0, n);
            }
            return;
        }
        int strips = batches >= threads ? 1 : (threads + batches - 1) / batches;
        boolean splitRows = m >= n;
        int unit = splitRows ? bl.mr() : bl.nr();
        int extent = splitRows ? m : n;
        int units = (extent + unit - 1) / unit;
        int pieces = Math.max(1, Math.min(strips, units));
        Parallel.forRange(batches * pieces, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                int batch = t / pieces;
                int piece = t % pieces;
                int lo = Math.min(extent, (int) ((long) units * piece / pieces) * unit);
                int hi = Math.min(extent, (int) ((long) units * (piece + 1) / pieces) * unit);
                if (splitRows) {
                    body.run(batch, lo, hi, 0, n);
                } else {
                    body.run(batch, 0, m, lo, hi);
                }
            }
        });
    }
}
