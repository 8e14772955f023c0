// Index select (gather) and index add (scatter-add) along one axis of a contiguous tensor viewed as
// [outer, axisSize, inner] with int32 indices. Embedding lookup is outer = 1, axisSize = vocabulary,
// inner = embedding dim; its backward is index_add into the (zeroed) weight gradient.
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
