// Fused cross-entropy over the last dimension: log-softmax + negative log-likelihood with int32 class
// indices and an ignore index. One block per row (block-stride over rows).
// Forward writes the per-row loss (0 for ignored rows) and the row logsumexp for the backward pass.
// A target outside [0, classes) that is not the ignore index yields NaN loss and NaN gradients.
#include "nabla_common.cuh"

template <typename T>
__device__ void cross_entropy_forward(T* loss, T* lse, T* valid, const T* logits, const int* target, int rows,
                                      int classes, int ignoreIndex) {
    __shared__ NablaMaxSum<T> scratch[NABLA_WARP_SIZE];
    NABLA_BLOCK_PER_ROW(row, rows) {
        const T* in = logits + row * classes;
        NablaMaxSum<T> stats = nabla_block_row_max_sum(in, classes, scratch);
        if (threadIdx.x == 0) {
            const T logSum = stats.max + log(stats.sum);
            const int t = target[row];
            const bool ignored = t == ignoreIndex;
            const bool inRange = t >= 0 && t < classes;
            lse[row] = logSum;
            loss[row] = ignored ? T(0) : (inRange ? logSum - in[t] : nabla_nan<T>());
            if (valid != nullptr) valid[row] = ignored ? T(0) : T(1);
        }
    }
}

// dlogits[r, c] = dloss[r * dlossStride] * (softmax(logits)[r, c] - (c == target[r])), 0 for ignored rows.
// dlossStride = 1 for a per-row upstream gradient, 0 to broadcast one scalar (e.g. 1 / validCount for a mean).
template <typename T>
__device__ void cross_entropy_backward(T* dlogits, const T* logits, const T* lse, const int* target, const T* dloss,
                                       int dlossStride, int rows, int classes, int ignoreIndex) {
    NABLA_GRID_STRIDE(i, (long long)rows * classes) {
        const long long row = i / classes;
        const int c = (int)(i % classes);
        const int t = target[row];
        T g;
        if (t == ignoreIndex) {
            g = T(0);
        } else if (t < 0 || t >= classes) {
            g = nabla_nan<T>();
        } else {
            const T p = exp(logits[i] - lse[row]);
            g = dloss[row * dlossStride] * (p - (c == t ? T(1) : T(0)));
        }
        dlogits[i] = g;
    }
}

#define CROSS_ENTROPY_KERNELS(T, S)                                                                                 \
    extern "C" __global__ void cross_entropy_forward_##S(T* loss, T* lse, T* valid, const T* logits,                \
                                                         const int* target, int rows, int classes, int ignoreIndex) { \
        cross_entropy_forward(loss, lse, valid, logits, target, rows, classes, ignoreIndex);                        \
    }                                                                                                               \
    extern "C" __global__ void cross_entropy_backward_##S(T* dlogits, const T* logits, const T* lse,                \
                                                          const int* target, const T* dloss, int dlossStride,       \
                                                          int rows, int classes, int ignoreIndex) {                 \
        cross_entropy_backward(dlogits, logits, lse, target, dloss, dlossStride, rows, classes, ignoreIndex);       \
    }

NABLA_FOR_FLOAT_TYPES(CROSS_ENTROPY_KERNELS)
