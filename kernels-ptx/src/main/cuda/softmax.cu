// Softmax and log-softmax over the last dimension of a contiguous [rows, cols] tensor.
// One block per row (block-stride over rows); the row statistics (max, sum of exp) are computed
// in a single read of the row with online rescaling, combined with warp shuffles.
#include "nabla_common.cuh"

template <typename T> __device__ void softmax_forward(T* y, const T* x, int rows, int cols, int logSoftmax) {
    __shared__ NablaMaxSum<T> scratch[NABLA_WARP_SIZE];
    NABLA_BLOCK_PER_ROW(row, rows) {
        const T* in = x + row * cols;
        T* out = y + row * cols;
        NablaMaxSum<T> stats = nabla_block_row_max_sum(in, cols, scratch);
        if (logSoftmax) {
            const T logSum = stats.max + log(stats.sum);
            for (int c = threadIdx.x; c < cols; c += blockDim.x) out[c] = in[c] - logSum;
        } else {
            const T inv = T(1) / stats.sum;
            for (int c = threadIdx.x; c < cols; c += blockDim.x) out[c] = exp(in[c] - stats.max) * inv;
        }
    }
}

// softmax:     dx = y * (dy - sum(dy * y))
// log-softmax: dx = dy - exp(y) * sum(dy)      (y is the log-softmax output)
template <typename T> __device__ void softmax_backward(T* dx, const T* y, const T* dy, int rows, int cols, int logSoftmax) {
    __shared__ T scratch[NABLA_WARP_SIZE];
    NABLA_BLOCK_PER_ROW(row, rows) {
        const T* yr = y + row * cols;
        const T* dyr = dy + row * cols;
        T* dxr = dx + row * cols;
        T partial = T(0);
        for (int c = threadIdx.x; c < cols; c += blockDim.x) partial += logSoftmax ? dyr[c] : dyr[c] * yr[c];
        const T dot = nabla_block_sum(partial, scratch);
        for (int c = threadIdx.x; c < cols; c += blockDim.x)
            dxr[c] = logSoftmax ? dyr[c] - exp(yr[c]) * dot : yr[c] * (dyr[c] - dot);
    }
}

#define SOFTMAX_KERNELS(T, S)                                                                                  \
    extern "C" __global__ void softmax_forward_##S(T* y, const T* x, int rows, int cols, int logSoftmax) {     \
        softmax_forward(y, x, rows, cols, logSoftmax);                                                         \
    }                                                                                                          \
    extern "C" __global__ void softmax_backward_##S(T* dx, const T* y, const T* dy, int rows, int cols,        \
                                                    int logSoftmax) {                                          \
        softmax_backward(dx, y, dy, rows, cols, logSoftmax);                                                   \
    }

NABLA_FOR_FLOAT_TYPES(SOFTMAX_KERNELS)
