package dev.nabla.cpu;

import dev.nabla.backend.Strided;

/**
 * The iteration plan for operands of one shape: dimensions that are contiguous in every operand
 * are merged and size-1 dimensions dropped, leaving outer "rows" and one inner dimension that
 * kernels walk in blocks of {@link #BLOCK} elements.
 */
final class Layout {

    /** Elements processed per kernel call: small enough for L1, large enough to amortise the call. */
    static final int BLOCK = 1024;
    /**
     * Elements per kernel call when no operand needs a block-sized scratch copy (every one unit-stride): the
     * per-call work of 1024-element blocks (offsets, scratch lookup, dispatch) took a third of a 1 M-element
     * product (570 against 380 µs for a bare loop into a fresh array).
     */
    private static final int RUN = 1 << 14;
    /** Work items (blocks) per parallel task. */
    private static final int GRAIN_BLOCKS = 32;

    @FunctionalInterface
    interface BlockBody {
        /**
         * Processes {@code n} elements whose first elements sit at {@code offsets[k]} in operand
         * k, spaced by the operand's {@link #innerStride}; {@code linear} is the row-major index of
         * the first element.
         */
        void run(int[] offsets, int n, long linear);
    }

    private final int[] shape;
    private final int[][] strides;
    private final int[] offsets;

    private Layout(int[] shape, int[][] strides, int[] offsets) {
        this.shape = shape;
        this.strides = strides;
        this.offsets = offsets;
    }

    /** Plans iteration of {@code shape} over the operands (each of that shape). */
    static Layout of(int[] shape, Strided... operands) {
        int k = operands.length;
        int rank = shape.length;
        int[] dims = new int[rank];
        int[][] st = new int[k][rank];
        int r = 0;
        for (int d = 0; d < rank; d++) {
            if (shape[d] == 1) {
                continue;
            }
            if (r > 0 && mergeable(operands, d, st, r - 1, shape[d])) {
                dims[r - 1] *= shape[d];
                for (int o = 0; o < k; o++) {
                    st[o][r - 1] = operands[o].strides()[d];
                }
                continue;
            }
            dims[r] = shape[d];
            for (int o = 0; o < k; o++) {
                st[o][r] = operands[o].strides()[d];
            }
            r++;
        }
        if (r == 0) {
            return new Layout(new int[] {1}, trimmed(st, 1, k), offsetsOf(operands));
        }
        int[] outDims = java.util.Arrays.copyOf(dims, r);
        return new Layout(outDims, trimmed(st, r, k), offsetsOf(operands));
    }

    private static boolean mergeable(Strided[] operands, int d, int[][] st, int prev, int size) {
        for (int o = 0; o < operands.length; o++) {
            if (st[o][prev] != operands[o].strides()[d] * size) {
                return false;
            }
        }
        return true;
    }

    private static int[][] trimmed(int[][] st, int r, int k) {
        int[][] out = new int[k][];
        for (int o = 0; o < k; o++) {
            out[o] = st[o].length >= r ? java.util.Arrays.copyOf(st[o], r) : new int[r];
        }
        return out;
    }

    private static int[] offsetsOf(Strided[] operands) {
        int[] off = new int[operands.length];
        for (int o = 0; o < operands.length; o++) {
            off[o] = operands[o].offset();
        }
        return off;
    }

    /** The stride of operand {@code k} along the inner dimension. */
    int innerStride(int k) {
        return strides[k][shape.length - 1];
    }

    /** The number of elements of the inner dimension. */
    int inner() {
        return shape[shape.length - 1];
    }

    /** The number of inner rows. */
    int rows() {
        int n = 1;
        for (int d = 0; d < shape.length - 1; d++) {
            n *= shape[d];
        }
        return n;
    }

    /** Writes the offsets of row {@code row}'s first element into {@code out}. */
    void rowOffsets(int row, int[] out) {
        for (int o = 0; o < out.length; o++) {
            out[o] = offsets[o];
        }
        int rem = row;
        for (int d = shape.length - 2; d >= 0; d--) {
            int i = rem % shape[d];
            rem /= shape[d];
            for (int o = 0; o < out.length; o++) {
                out[o] += i * strides[o][d];
            }
        }
    }

    /** Runs {@code body} over every block of every row, in parallel when there is enough work. */
    void forEachBlock(BlockBody body) {
        forEachBlock(body, true, BLOCK);
    }

    /** Runs {@code body} over every block in order on the calling thread (for racy writes such as scatter-add). */
    void forEachBlockSequentially(BlockBody body) {
        forEachBlock(body, false, BLOCK);
    }

    /**
     * Like {@link #forEachBlock}, but in longer runs when every operand's inner stride is 1, so a kernel that
     * needs scratch only for strided operands is called less often; blocks stay at most {@link #BLOCK} long
     * otherwise.
     */
    void forEachRun(BlockBody body) {
        boolean unit = true;
        for (int[] s : strides) {
            unit &= s[shape.length - 1] == 1;
        }
        forEachBlock(body, true, unit ? RUN : BLOCK);
    }

    private void forEachBlock(BlockBody body, boolean parallel, int block) {
        int inner = inner();
        int rows = rows();
        if (inner == 0 || rows == 0) {
            return;
        }
        int blocksPerRow = (inner + block - 1) / block;
        int units = rows * blocksPerRow;
        // tiny rows: one work unit spans many rows, so grain is counted in elements
        int grain = Math.max(1, GRAIN_BLOCKS * BLOCK / Math.max(1, Math.min(inner, block)));
        int operands = offsets.length;
        Parallel.RangeBody work = (from, to) -> {
            int[] rowStart = new int[operands];
            int[] at = new int[operands];
            int lastRow = -1;
            for (int u = from; u < to; u++) {
                int row = u / blocksPerRow;
                if (row != lastRow) {
                    rowOffsets(row, rowStart);
                    lastRow = row;
                }
                int start = (u % blocksPerRow) * block;
                for (int o = 0; o < operands; o++) {
                    at[o] = rowStart[o] + start * strides[o][shape.length - 1];
                }
                body.run(at, Math.min(block, inner - start), (long) row * inner + start);
            }
        };
        if (parallel) {
            Parallel.forRange(units, grain, work);
        } else {
            work.run(0, units);
        }
    }
}
