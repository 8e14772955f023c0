// Index select (gather) and index add (scatter-add) along one axis of a contiguous tensor viewed as
// [outer, axisSize, inner] with int32 indices. Embedding lookup is outer = 1, axisSize = vocabulary,
// inner = embedding dim; its backward is index_add into the (zeroed) weight gradient.
// General (torch.gather-style) gather and scatter-add over strided operands with an int64 index of any
// strides: the NdLayout walks the index's shape, and the indexed tensor's stride along the axis is set to 0 in
// it and passed separately, so that the index value supplies that coordinate.
#include "nabla_common.cuh"

// out[o, j, i] = x[o, index[j], i] for out of shape [outer, numIndices, inner]; an index outside
// [0, axisSize) yields NaN.
template <typename T>
__device__ void index_select(T* out, const T* x, const int* index, int outer, int axisSize, int numIndices, int inner) {
    NABLA_GRID_STRIDE(e, (long long)outer * numIndices * inner) {
        const long long i = e % inner;
        const long long j = (e / inner) % numIndices;
        const long long o = e / ((long long)inner * numIndices);
        const int src = index[j];
        out[e] = (src >= 0 && src < axisSize) ? x[(o * axisSize + src) * inner + i] : nabla_nan<T>();
    }
}

// dst[o, index[j], i] += src[o, j, i] with atomicAdd (repeated indices accumulate); indices outside
// [0, axisSize) are skipped. dst is accumulated into, not overwritten.
template <typename T>
__device__ void index_add(T* dst, const T* src, const int* index, int outer, int axisSize, int numIndices, int inner) {
    NABLA_GRID_STRIDE(e, (long long)outer * numIndices * inner) {
        const long long i = e % inner;
        const long long j = (e / inner) % numIndices;
        const long long o = e / ((long long)inner * numIndices);
        const int target = index[j];
        if (target >= 0 && target < axisSize) atomicAdd(&dst[(o * axisSize + target) * inner + i], src[e]);
    }
}

// out[c] = x[c with c[axis] := index[c]] for every coordinate c of out's shape (= index's). Layout operands:
// 0 out, 1 x (stride 0 along the axis), 2 index. An index outside [0, axisSize) yields NaN (0 for int64).
template <typename T>
__device__ void gather_strided(T* out, const T* x, const long long* index, int axisSize, int xAxisStride,
                               const NdLayout& layout) {
    typedef typename NablaCompute<T>::type C;
    long long off[3];
    NABLA_GRID_STRIDE(e, nabla_layout_numel(layout)) {
        nabla_layout_offsets(layout, e, 3, off);
        const long long k = index[off[2]];
        out[off[0]] = (k >= 0 && k < axisSize) ? x[off[1] + k * (long long)xAxisStride] : nabla_narrow<T>(nabla_nan<C>());
    }
}

// *at += v atomically: atomicAdd for floats. Int64 adds exactly, wrapping as the CPU backend and PyTorch do: the
// unsigned 64-bit atomicAdd is that two's-complement sum, and wrapping sums do not depend on the order.
template <typename T> __device__ __forceinline__ void scatter_atomic_add(T* at, T v) { atomicAdd(at, v); }
template <> __device__ __forceinline__ void scatter_atomic_add<long long>(long long* at, long long v) {
    atomicAdd(reinterpret_cast<unsigned long long*>(at), (unsigned long long)v);
}

// dst[c with c[axis] := index[c]] += src[c] for every coordinate c of index's shape, atomically (repeated
// indices accumulate, in no fixed order). Layout operands: 0 dst (stride 0 along the axis), 1 src, 2 index.
// Indices outside [0, axisSize) are skipped.
template <typename T>
__device__ void scatter_add_strided(T* dst, const T* src, const long long* index, int axisSize, int dstAxisStride,
                                    const NdLayout& layout) {
    long long off[3];
    NABLA_GRID_STRIDE(e, nabla_layout_numel(layout)) {
        nabla_layout_offsets(layout, e, 3, off);
        const long long k = index[off[2]];
        if (k >= 0 && k < axisSize) scatter_atomic_add(&dst[off[0] + k * (long long)dstAxisStride], src[off[1]]);
    }
}

#define GATHER_KERNEL(T, S)                                                                                    \
    extern "C" __global__ void gather_strided_##S(T* out, const T* x, const long long* index, int axisSize,     \
                                                  int xAxisStride, NdLayout layout) {                   \
        gather_strided(out, x, index, axisSize, xAxisStride, layout);                                          \
    }

#define SCATTER_ADD_KERNEL(T, S)                                                                                 \
    extern "C" __global__ void scatter_add_strided_##S(T* dst, const T* src, const long long* index, int axisSize, \
                                                       int dstAxisStride, NdLayout layout) {              \
        scatter_add_strided(dst, src, index, axisSize, dstAxisStride, layout);                                   \
    }

#define INDEXING_KERNELS(T, S)                                                                                \
    extern "C" __global__ void index_select_##S(T* out, const T* x, const int* index, int outer, int axisSize,   \
                                                int numIndices, int inner) {                                  \
        index_select(out, x, index, outer, axisSize, numIndices, inner);                                      \
    }                                                                                                         \
    extern "C" __global__ void index_add_##S(T* dst, const T* src, const int* index, int outer, int axisSize,    \
                                             int numIndices, int inner) {                                     \
        index_add(dst, src, index, outer, axisSize, numIndices, inner);                                       \
    }

NABLA_FOR_FLOAT_TYPES(INDEXING_KERNELS)
NABLA_FOR_ALL_TYPES(GATHER_KERNEL)
NABLA_FOR_ALL_TYPES(SCATTER_ADD_KERNEL)
