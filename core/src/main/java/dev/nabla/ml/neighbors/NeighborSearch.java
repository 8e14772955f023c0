package dev.nabla.ml.neighbors;

import dev.nabla.Tensor;
import dev.nabla.ml.RowBlocks;
import java.util.stream.IntStream;

/**
 * Brute-force k-nearest-neighbour search that streams: a block of query rows meets one block of
 * {@link RowBlocks#ROWS} training rows at a time, as one GEMM of scores {@code ‖t‖² - 2q·tᵀ} (the
 * query's own {@code ‖q‖²} does not change the ranking), and each query's running top k is merged
 * on the host, where a bounded insertion beats k arg-min passes over the block. Memory is one
 * {@code [queries per block, 8192]} score block whatever the training set's size, not a distance
 * row per query and training row. Ties keep the lower training index, so results are deterministic.
 */
final class NeighborSearch {

    private NeighborSearch() {
    }

    /**
     * The indices of the {@code k} nearest training rows of each query row, nearest first, as
     * {@code long[queries·k]}.
     *
     * @param points the training rows {@code [n, d]}
     * @param pointNorms their squared norms {@code [n]}
     * @param queries {@code [m, d]} in the points' dtype and device
     * @param queryBlock query rows per block
     */
    static long[] nearest(Tensor points, Tensor pointNorms, Tensor queries, int k, int queryBlock) {
        int m = queries.size(0);
        long[] out = new long[m * k];
        for (int q0 = 0; q0 < m; q0 += queryBlock) {
            int rows = Math.min(queryBlock, m - q0);
            Tensor weights = queries.narrow(0, q0, rows).mul(-2);
            TopK top = new TopK(rows, k);
            RowBlocks.forEach(points, b -> {
                Tensor scores = weights.matmul(b.rows().t()).add(pointNorms.narrow(0, b.start(), b.length()).unsqueeze(0));
                top.merge(scores.toDoubleArray(), b.length(), b.start());
            });
            top.sortedInto(out, q0 * k);
        }
        return out;
    }

    /** Each query row's best {@code k} (score, index) pairs so far, kept sorted ascending by score then index. */
    private static final class TopK {
        private final int k;
        private final double[] scores;
        private final long[] indices;
        private final int[] filled;

        TopK(int rows, int k) {
            this.k = k;
            this.scores = new double[rows * k];
            this.indices = new long[rows * k];
            this.filled = new int[rows];
        }

        /** Merges a block of scores {@code [rows, width]} for training rows {@code start..start+width-1}. */
        void merge(double[] block, int width, int start) {
            IntStream.range(0, filled.length).parallel().forEach(r -> {
                int base = r * k;
                int from = r * width;
                for (int j = 0; j < width; j++) {
                    double s = block[from + j];
                    if (filled[r] == k && !(s < scores[base + k - 1])) {
                        continue;
                    }
                    // insertion into the sorted row; equal scores stay behind earlier (lower) indices
                    int at = filled[r] < k ? filled[r]++ : k - 1;
                    while (at > 0 && s < scores[base + at - 1]) {
                        scores[base + at] = scores[base + at - 1];
                        indices[base + at] = indices[base + at - 1];
                        at--;
                    }
                    scores[base + at] = s;
                    indices[base + at] = start + j;
                }
            });
        }

        void sortedInto(long[] out, int at) {
            System.arraycopy(indices, 0, out, at, indices.length);
        }
    }
}
