package dev.nabla.ml.neighbors;

import dev.nabla.Tensor;
import java.util.stream.IntStream;

/**
 * Brute-force k-nearest-neighbour search that streams: a block of query rows meets a block of
 * {@link #TRAINING_BLOCK} training rows at a time, as one GEMM {@code -2q·tᵀ}; the training rows'
 * {@code ‖t‖²} is added on the host while each query's running top k is merged (the query's own
 * {@code ‖q‖²} does not change its ranking), where a bounded insertion beats k arg-min passes over the
 * block. Memory is one {@code [queries per block, 2048]} score block whatever the training set's size,
 * not a distance row per query and training row. Ties keep the lower training index, so results are
 * deterministic.
 */
final class NeighborSearch {

    /**
     * Training rows per score block: with 1024 query rows a block is 16 MB, and the training rows are
     * packed for the GEMM once per query block, so larger query blocks cost fewer passes over them.
     */
    static final int TRAINING_BLOCK = 2048;

    private NeighborSearch() {
    }

    /**
     * The indices of the {@code k} nearest training rows of each query row, nearest first, as
     * {@code long[queries·k]}.
     *
     * @param points the training rows {@code [n, d]}
     * @param pointNorms their squared norms
     * @param queries {@code [m, d]} in the points' dtype and device
     * @param queryBlock query rows per block
     */
    static long[] nearest(Tensor points, double[] pointNorms, Tensor queries, int k, int queryBlock) {
        int m = queries.size(0);
        int n = points.size(0);
        long[] out = new long[m * k];
        for (int q0 = 0; q0 < m; q0 += queryBlock) {
            int rows = Math.min(queryBlock, m - q0);
            Tensor weights = queries.narrow(0, q0, rows).mul(-2);
            TopK top = new TopK(rows, k, pointNorms);
            for (int t0 = 0; t0 < n; t0 += TRAINING_BLOCK) {
                int width = Math.min(TRAINING_BLOCK, n - t0);
                top.merge(weights.matmul(points.narrow(0, t0, width).t()).toDoubleArray(), width, t0);
            }
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
        private final double[] norms;

        TopK(int rows, int k, double[] norms) {
            this.k = k;
            this.norms = norms;
            this.scores = new double[rows * k];
            this.indices = new long[rows * k];
            this.filled = new int[rows];
        }

        /** Merges a block of scores {@code [rows, width]} for training rows {@code start..start+width-1}. */
        void merge(double[] block, int width, int start) {
            IntStream.range(0, filled.length).parallel().forEach(r -> {
                int base = r * k;
                int from = r * width;
                // the k-th best so far, in a local: most scores fail this one comparison
                double worst = filled[r] == k ? scores[base + k - 1] : Double.POSITIVE_INFINITY;
                for (int j = 0; j < width; j++) {
                    double s = block[from + j] + norms[start + j];
                    if (s < worst) {
                        worst = insert(r, s, start + j);
                    }
                }
            });
        }

        /** Inserts into row {@code r}'s sorted list (equal scores stay behind earlier indices); returns its new k-th score. */
        private double insert(int r, double s, long index) {
            int base = r * k;
            int at = filled[r] < k ? filled[r]++ : k - 1;
            while (at > 0 && s < scores[base + at - 1]) {
                scores[base + at] = scores[base + at - 1];
                indices[base + at] = indices[base + at - 1];
                at--;
            }
            scores[base + at] = s;
            indices[base + at] = index;
            return filled[r] == k ? scores[base + k - 1] : Double.POSITIVE_INFINITY;
        }

        void sortedInto(long[] out, int at) {
            System.arraycopy(indices, 0, out, at, indices.length);
        }
    }
}
