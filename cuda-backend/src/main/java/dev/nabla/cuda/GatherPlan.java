package dev.nabla.cuda;

import dev.nabla.backend.Strided;
import dev.nabla.kernels.StridedLayout;

/**
 * The strided loop of a general (torch.gather-style) gather or scatter-add for {@code gather_strided_T} /
 * {@code scatter_add_strided_T}: it walks the index's shape over three operands, the indexed tensor with its
 * stride along the axis set to 0 (the index value supplies that coordinate, times {@code axisStride}), the other
 * tensor, and the INT64 index, merged by {@link Coalesced}.
 *
 * @param loop the operands in kernel order: gather (out, x, index), scatter-add (dst, src, index)
 * @param axisSize the indexed tensor's extent along the axis (an index outside it gives NaN, or is skipped)
 * @param axisStride the indexed tensor's stride along the axis
 */
record GatherPlan(Coalesced loop, int axisSize, int axisStride) {

    /** {@code out[c] = x[c with c[axis] := index[c]]}; out has index's shape. */
    static GatherPlan gather(Strided x, int axis, Strided index, Strided out) {
        return new GatherPlan(Coalesced.of(index.shape(), out.strides(), withoutAxis(x, axis), index.strides()),
                x.shape()[axis], x.strides()[axis]);
    }

    /** {@code dst[c with c[axis] := index[c]] += src[c]}; src has index's shape. */
    static GatherPlan scatterAdd(Strided dst, int axis, Strided index, Strided src) {
        return new GatherPlan(Coalesced.of(index.shape(), withoutAxis(dst, axis), src.strides(), index.strides()),
                dst.shape()[axis], dst.strides()[axis]);
    }

    /** Whether the merged loop fits the kernels' {@code NdLayout}. */
    boolean fitsLayout() {
        return loop.shape().length <= StridedLayout.MAX_DIMS;
    }

    private static int[] withoutAxis(Strided indexed, int axis) {
        int[] strides = indexed.strides().clone();
        strides[axis] = 0;
        return strides;
    }
}
