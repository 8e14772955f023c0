package dev.nabla.cuda;

import java.util.Arrays;

/**
 * A contiguous tensor viewed as {@code [outer, axis, inner]} around one dimension, the layout the
 * reduce, argreduce and indexing kernels take.
 *
 * @param outer the product of the extents before the axis
 * @param axis the axis extent
 * @param inner the product of the extents after the axis
 */
record AxisSplit(int outer, int axis, int inner) {

    /** Splits {@code shape} around dimension {@code dim}. */
    static AxisSplit of(int[] shape, int dim) {
        if (dim < 0 || dim >= shape.length) {
            throw new IllegalArgumentException("AxisSplit.of: dimension " + dim + " out of range for shape "
                    + Arrays.toString(shape));
        }
        return new AxisSplit(product(shape, 0, dim), shape[dim], product(shape, dim + 1, shape.length));
    }

    /** The product of {@code shape[from..to)}. */
    static int product(int[] shape, int from, int to) {
        long p = 1;
        for (int d = from; d < to; d++) {
            p *= shape[d];
        }
        return Math.toIntExact(p);
    }
}
