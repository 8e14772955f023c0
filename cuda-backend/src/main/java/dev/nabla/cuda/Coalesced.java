package dev.nabla.cuda;

import java.util.Arrays;

/**
 * The shape and per-operand strides of an elementwise loop after removing extent-1 dimensions and
 * merging neighbours that every operand walks as one ({@code stride[d] == stride[d+1] * shape[d+1]}).
 * Fewer dimensions mean cheaper index arithmetic in the strided kernels, let views of rank above 8
 * fit {@code NdLayout}, and reveal when every operand is dense so the contiguous kernel serves.
 *
 * @param shape the merged extents (rank 0 for a single element)
 * @param strides one stride array per operand, each of {@code shape}'s rank
 */
record Coalesced(int[] shape, int[][] strides) {

    /** Coalesces {@code shape} walked by operands with the given strides (all of {@code shape}'s rank). */
    static Coalesced of(int[] shape, int[]... strides) {
        for (int[] s : strides) {
            if (s.length != shape.length) {
                throw new IllegalArgumentException("Coalesced.of: strides " + Arrays.toString(s) + " do not match shape "
                        + Arrays.toString(shape));
            }
        }
        int[] outShape = new int[shape.length];
        int[][] outStrides = new int[strides.length][shape.length];
        int rank = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) {
                continue;
            }
            if (rank > 0 && mergeable(outShape[rank - 1], outStrides, rank - 1, shape[d], strides, d)) {
                outShape[rank - 1] *= shape[d];
                for (int op = 0; op < strides.length; op++) {
                    outStrides[op][rank - 1] = strides[op][d];
                }
                continue;
            }
            outShape[rank] = shape[d];
            for (int op = 0; op < strides.length; op++) {
                outStrides[op][rank] = strides[op][d];
            }
            rank++;
        }
        int[][] trimmed = new int[strides.length][];
        for (int op = 0; op < strides.length; op++) {
            trimmed[op] = Arrays.copyOf(outStrides[op], rank);
        }
        return new Coalesced(Arrays.copyOf(outShape, rank), trimmed);
    }

    /** Whether the outer dimension (already merged) and the next inner one form a single dimension for every operand. */
    private static boolean mergeable(int outerExtent, int[][] outerStrides, int outerDim, int innerExtent, int[][] strides,
            int innerDim) {
        for (int op = 0; op < strides.length; op++) {
            if ((long) outerStrides[op][outerDim] != (long) strides[op][innerDim] * innerExtent) {
                return false;
            }
        }
        return outerExtent > 0 && innerExtent > 0;
    }

    /** The number of dimensions left. */
    int rank() {
        return shape.length;
    }

    /** The number of elements. */
    long numel() {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** Whether every operand walks its elements densely, so element {@code i} is at {@code base + i} everywhere. */
    boolean isDense() {
        if (rank() == 0) {
            return true;
        }
        if (rank() > 1) {
            return false;
        }
        for (int[] s : strides) {
            if (s[0] != 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Coalesced c && Arrays.equals(shape, c.shape) && Arrays.deepEquals(strides, c.strides);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Arrays.deepHashCode(strides);
    }

    @Override
    public String toString() {
        return "Coalesced" + Arrays.toString(shape) + Arrays.deepToString(strides);
    }
}
