package dev.nabla.ml;

import dev.nabla.Tensor;
import java.util.function.Consumer;

/**
 * Walks the rows of a matrix in blocks, so that a learner's scratch (a block's distances to the
 * centroids, its centred copy, its one-hot assignments) is a fixed few megabytes however many rows
 * there are, instead of another matrix the size of the data. Each block is a view; nothing is copied
 * to make it.
 */
public final class RowBlocks {

    /**
     * Rows per block: 8192 rows of 50 float64 features are 3.3 MB, large enough that the per-op cost
     * of a block's few Tensor ops is noise (25 blocks for 200,000 rows), small enough to stay out of
     * the way of a 200,000-row input.
     */
    public static final int ROWS = 8192;

    private RowBlocks() {
    }

    /**
     * One block of rows.
     *
     * @param start the index of its first row
     * @param rows the block, a view {@code [length, d]}
     */
    public record Block(int start, Tensor rows) {

        /** The number of rows in the block. */
        public int length() {
            return rows.size(0);
        }
    }

    /** Calls {@code body} with each block of {@link #ROWS} rows of {@code x}, in order. */
    public static void forEach(Tensor x, Consumer<Block> body) {
        int n = x.size(0);
        for (int start = 0; start < n; start += ROWS) {
            body.accept(new Block(start, x.narrow(0, start, Math.min(ROWS, n - start))));
        }
    }
}
