package dev.nabla.cuda;

import java.util.Optional;

/**
 * When the {@code index_select_T} / {@code index_add_T} kernels serve {@code Backend.gather} /
 * {@code scatterAdd}. Those kernels take one int32 index vector shared by every outer and inner
 * position ({@code out[o, j, i] = x[o, index[j], i]}); core's {@code indexSelect} and embedding
 * lookups pass exactly that: an index that varies only along the axis (zero strides elsewhere) and
 * matches the data's other extents. Any other index is a general gather: {@link GatherPlan} and the strided
 * kernels serve it.
 *
 * @param outer the product of the data's extents before the axis
 * @param axisSize the data's extent along the axis
 * @param numIndices the index's extent along the axis
 * @param inner the product of the data's extents after the axis
 * @param indexStride the index view's stride along the axis (elements of the INT64 index)
 */
record IndexPlan(int outer, int axisSize, int numIndices, int inner, int indexStride) {

    /**
     * @param dataShape the shape of x (gather) or dst (scatterAdd)
     * @param axis the indexed dimension
     * @param indexShape the index's shape (= out's for gather, = src's for scatterAdd)
     * @param indexStrides the index's strides
     * @return the plan, or empty when the index is not one vector broadcast over the other dimensions
     */
    static Optional<IndexPlan> of(int[] dataShape, int axis, int[] indexShape, int[] indexStrides) {
        if (dataShape.length != indexShape.length || axis < 0 || axis >= dataShape.length) {
            return Optional.empty();
        }
        for (int d = 0; d < dataShape.length; d++) {
            if (d != axis && (indexShape[d] != dataShape[d] || (indexShape[d] != 1 && indexStrides[d] != 0))) {
                return Optional.empty();
            }
        }
        int numIndices = indexShape[axis];
        int stride = numIndices == 1 ? 1 : indexStrides[axis];
        // The int64 -> int32 narrowing copy walks the index with a positive pitch.
        if (stride <= 0) {
            return Optional.empty();
        }
        AxisSplit split = AxisSplit.of(dataShape, axis);
        return Optional.of(new IndexPlan(split.outer(), split.axis(), numIndices, split.inner(), stride));
    }

    /** The number of elements of the gathered / scattered operand ({@code outer * numIndices * inner}). */
    long work() {
        return (long) outer * numIndices * inner;
    }
}
