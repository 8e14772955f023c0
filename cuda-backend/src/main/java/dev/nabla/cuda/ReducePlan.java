package dev.nabla.cuda;

import java.util.Arrays;

/**
 * How {@code reduce_T} serves {@code Backend.reduce}: the input viewed as contiguous
 * {@code [outer, reduce, inner]}. When x is contiguous and the reduced dimensions (ignoring extent 1)
 * are one consecutive block, x is used in place. Otherwise x is first copied, permuted so the kept
 * dimensions come first and the reduced ones last, into a contiguous scratch buffer, and reduced with
 * {@code inner = 1}. Either way the kernel writes the kept elements in row-major order of {@code out}.
 *
 * @param outer kept elements before the reduced block
 * @param reduce reduced elements per output
 * @param inner kept elements after the reduced block
 * @param permutation null when x is used in place, else the order of x's dimensions in the scratch copy
 */
record ReducePlan(int outer, int reduce, int inner, int[] permutation) {

    /** Plans the reduction of x (shape, strides) into an output of shape {@code outShape}. */
    static ReducePlan of(int[] xShape, int[] xStrides, int[] outShape) {
        if (outShape.length != xShape.length) {
            throw new IllegalArgumentException("reduce: output shape " + Arrays.toString(outShape) + " must have the rank of "
                    + Arrays.toString(xShape));
        }
        int rank = xShape.length;
        boolean[] reduced = new boolean[rank];
        for (int d = 0; d < rank; d++) {
            if (outShape[d] != xShape[d] && outShape[d] != 1) {
                throw new IllegalArgumentException("reduce: output shape " + Arrays.toString(outShape)
                        + " neither keeps nor reduces dimension " + d + " of " + Arrays.toString(xShape));
            }
            reduced[d] = outShape[d] == 1 && xShape[d] != 1;
        }
        int first = -1;
        int last = -1;
        for (int d = 0; d < rank; d++) {
            if (reduced[d]) {
                first = first < 0 ? d : first;
                last = d;
            }
        }
        if (first < 0) {
            first = rank;
            last = rank - 1;
        }
        if (isContiguous(xShape, xStrides) && block(xShape, reduced, first, last)) {
            return new ReducePlan(AxisSplit.product(xShape, 0, first), AxisSplit.product(xShape, first, last + 1),
                    AxisSplit.product(xShape, last + 1, rank), null);
        }
        int[] permutation = new int[rank];
        int next = 0;
        int kept = 1;
        int reducedCount = 1;
        for (int d = 0; d < rank; d++) {
            if (!reduced[d]) {
                permutation[next++] = d;
                kept *= xShape[d];
            }
        }
        for (int d = 0; d < rank; d++) {
            if (reduced[d]) {
                permutation[next++] = d;
                reducedCount *= xShape[d];
            }
        }
        return new ReducePlan(kept, reducedCount, 1, permutation);
    }

    /** Whether every dimension in [first, last] is reduced or has extent 1. */
    private static boolean block(int[] shape, boolean[] reduced, int first, int last) {
        for (int d = first; d <= last; d++) {
            if (!reduced[d] && shape[d] != 1) {
                return false;
            }
        }
        return true;
    }

    /** Row-major density of a view, ignoring the strides of extent-1 dimensions. */
    static boolean isContiguous(int[] shape, int[] strides) {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /** Applies {@link #permutation} to a per-dimension array (shape or strides). */
    int[] permute(int[] perDimension) {
        int[] out = new int[permutation.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = perDimension[permutation[i]];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReducePlan p && p.outer == outer && p.reduce == reduce && p.inner == inner
                && Arrays.equals(p.permutation, permutation);
    }

    @Override
    public int hashCode() {
        return ((outer * 31 + reduce) * 31 + inner) * 31 + Arrays.hashCode(permutation);
    }

    @Override
    public String toString() {
        return "ReducePlan[" + outer + ", " + reduce + ", " + inner + "]" + (permutation == null ? ""
                : " via permutation " + Arrays.toString(permutation));
    }
}
