// Reductions along one axis of a contiguous tensor viewed as [outer, reduce, inner]; output [outer, inner].
// inner == 1: one warp per output (lanes stride the reduced axis, coalesced reads);
// inner  > 1: one thread per output (neighbouring threads read neighbouring inner elements).
// Both mappings use grid-stride loops, so any launch is correct; LaunchGeometry.reduction picks a good one.
// blockDim.x must be a multiple of 32.
#include "nabla_common.cuh"
#include "nabla_ops.cuh"

template <typename T> __device__ __forceinline__ T reduce_identity_for(int op) {
    // MAX starts at -inf, MIN at +inf.
    return op == NABLA_REDUCE_MAX ? nabla_neg_infinity<T>() : (op == NABLA_REDUCE_MIN ? -nabla_neg_infinity<T>() : T(0));
}

// Int64 reduces exactly, as the CPU backend's LongMath: MAX starts at the smallest int64, MIN at the largest.
template <> __device__ __forceinline__ long long reduce_identity_for<long long>(int op) {
    return op == NABLA_REDUCE_MAX ? -0x7fffffffffffffffLL - 1 : (op == NABLA_REDUCE_MIN ? 0x7fffffffffffffffLL : 0);
}

template <typename T> __device__ __forceinline__ T reduce_add(T a, T b) { return a + b; }
template <> __device__ __forceinline__ long long reduce_add<long long>(long long a, long long b) {
    return nabla_wrap_add(a, b);  // wraps on overflow, as PyTorch's int64 sum
}

template <typename T> __device__ __forceinline__ T reduce_combine(int op, T a, T b) {
    if (op == NABLA_REDUCE_MAX) return nabla_max(a, b);
    if (op == NABLA_REDUCE_MIN) return nabla_min(a, b);
    return reduce_add(a, b);
}

template <typename T> __device__ __forceinline__ T reduce_finish(int op, T acc, int reduce) {
    return op == NABLA_REDUCE_MEAN ? acc / T(reduce) : acc;
}
// An int64 MEAN truncates toward zero; an empty axis gives 0 (int64 has no NaN, and the division would trap).
template <> __device__ __forceinline__ long long reduce_finish<long long>(int op, long long acc, int reduce) {
    return op == NABLA_REDUCE_MEAN ? (reduce == 0 ? 0 : acc / reduce) : acc;
}

template <typename T> __device__ void reduce_axis(T* out, const T* x, int outer, int reduce, int inner, int op) {
    const T identity = reduce_identity_for<T>(op);
    if (inner == 1) {
        for (long long row = nabla_global_warp(); row < outer; row += nabla_warp_count()) {
            const T* src = x + row * reduce;
            T acc = identity;
            for (int r = nabla_lane(); r < reduce; r += NABLA_WARP_SIZE) acc = reduce_combine(op, acc, src[r]);
            for (int o = NABLA_WARP_SIZE / 2; o > 0; o >>= 1)
                acc = reduce_combine(op, acc, __shfl_xor_sync(NABLA_FULL_MASK, acc, o));
            if (nabla_lane() == 0) out[row] = reduce_finish(op, acc, reduce);
        }
        return;
    }
    NABLA_GRID_STRIDE(i, (long long)outer * inner) {
        const long long o = i / inner, in = i % inner;
        const T* src = x + o * reduce * inner + in;
        T acc = identity;
        for (int r = 0; r < reduce; ++r) acc = reduce_combine(op, acc, src[(long long)r * inner]);
        out[i] = reduce_finish(op, acc, reduce);
    }
}

// True when candidate (av, ai) beats (bv, bi): NaN beats numbers, ties go to the smaller index,
// index -1 marks "no element yet". Int64 values compare exactly (nabla_isnan is false for them).
template <typename T> __device__ __forceinline__ bool arg_better(T av, int ai, T bv, int bi, bool isMax) {
    if (ai < 0) return false;
    if (bi < 0) return true;
    const bool an = nabla_isnan(av), bn = nabla_isnan(bv);
    if (an || bn) return an && bn ? ai < bi : an;
    if (av == bv) return ai < bi;
    return isMax ? av > bv : av < bv;
}

// The value reported for an empty axis: NaN, or 0 for int64, which has none (the backend answers empty
// axes on the host, so no launch reaches this).
template <typename T> __device__ __forceinline__ T arg_empty_value() { return nabla_nan<T>(); }
template <> __device__ __forceinline__ long long arg_empty_value<long long>() { return 0; }

template <typename T>
__device__ void argreduce_axis(int* index, T* value, const T* x, int outer, int reduce, int inner, int op) {
    const bool isMax = op == NABLA_ARGREDUCE_ARGMAX;
    if (inner == 1) {
        for (long long row = nabla_global_warp(); row < outer; row += nabla_warp_count()) {
            const T* src = x + row * reduce;
            T best = T(0);
            int bestIndex = -1;
            for (int r = nabla_lane(); r < reduce; r += NABLA_WARP_SIZE) {
                if (arg_better(src[r], r, best, bestIndex, isMax)) { best = src[r]; bestIndex = r; }
            }
            for (int o = NABLA_WARP_SIZE / 2; o > 0; o >>= 1) {
                T otherValue = __shfl_xor_sync(NABLA_FULL_MASK, best, o);
                int otherIndex = __shfl_xor_sync(NABLA_FULL_MASK, bestIndex, o);
                if (arg_better(otherValue, otherIndex, best, bestIndex, isMax)) { best = otherValue; bestIndex = otherIndex; }
            }
            if (nabla_lane() == 0) {
                index[row] = bestIndex;
                if (value != nullptr) value[row] = bestIndex < 0 ? arg_empty_value<T>() : best;
            }
        }
        return;
    }
    NABLA_GRID_STRIDE(i, (long long)outer * inner) {
        const long long o = i / inner, in = i % inner;
        const T* src = x + o * reduce * inner + in;
        T best = T(0);
        int bestIndex = -1;
        for (int r = 0; r < reduce; ++r) {
            T v = src[(long long)r * inner];
            if (arg_better(v, r, best, bestIndex, isMax)) { best = v; bestIndex = r; }
        }
        index[i] = bestIndex;
        if (value != nullptr) value[i] = bestIndex < 0 ? arg_empty_value<T>() : best;
    }
}

#define REDUCE_KERNEL(T, S)                                                                                        \
    extern "C" __global__ void reduce_##S(T* out, const T* x, int outer, int reduce, int inner, int op) {          \
        reduce_axis(out, x, outer, reduce, inner, op);                                                             \
    }

#define ARGREDUCE_KERNEL(T, S)                                                                                     \
    extern "C" __global__ void argreduce_##S(int* index, T* value, const T* x, int outer, int reduce, int inner,    \
                                             int op) {                                                             \
        argreduce_axis(index, value, x, outer, reduce, inner, op);                                                 \
    }

NABLA_FOR_ALL_TYPES(REDUCE_KERNEL)
NABLA_FOR_ALL_TYPES(ARGREDUCE_KERNEL)
