// Layer normalisation over the last dimension of a contiguous [rows, cols] tensor:
// y = (x - mean) * rstd * gamma + beta, rstd = 1 / sqrt(var + eps), biased variance.
// Forward and dx: one block per row (block-stride over rows), Welford statistics merged across the block.
// Parameter gradients: one block per 32-column slab, 8 row phases per block.
#include "nabla_common.cuh"

#define LAYERNORM_PARAM_SLAB_ROWS 8

template <typename T> struct Welford {
    T count;
    T mean;
    T m2;
};

// Chan et al. parallel merge of two partial (count, mean, M2) summaries.
template <typename T> __device__ __forceinline__ Welford<T> welford_merge(Welford<T> a, Welford<T> b) {
    const T n = a.count + b.count;
    if (n == T(0)) return a;
    const T delta = b.mean - a.mean;
    const T wb = b.count / n;
    return {n, a.mean + delta * wb, a.m2 + b.m2 + delta * delta * a.count * wb};
}

template <typename T>
__device__ void layernorm_forward(T* y, T* mean, T* rstd, const T* x, const T* gamma, const T* beta, int rows, int cols,
                                  T eps) {
    __shared__ Welford<T> scratch[NABLA_WARP_SIZE];
    NABLA_BLOCK_PER_ROW(row, rows) {
        const T* in = x + row * cols;
        T* out = y + row * cols;
        Welford<T> acc{T(0), T(0), T(0)};
        for (int c = threadIdx.x; c < cols; c += blockDim.x) acc = welford_merge(acc, Welford<T>{T(1), in[c], T(0)});
        acc = nabla_block_all_reduce(
            acc, Welford<T>{T(0), T(0), T(0)}, scratch, [](Welford<T> a, Welford<T> b) { return welford_merge(a, b); },
            [](Welford<T> w, int o) {
                return Welford<T>{__shfl_xor_sync(NABLA_FULL_MASK, w.count, o), __shfl_xor_sync(NABLA_FULL_MASK, w.mean, o),
                                  __shfl_xor_sync(NABLA_FULL_MASK, w.m2, o)};
            });
        const T mu = acc.mean;
        const T r = T(1) / sqrt(acc.m2 / T(cols) + eps);
        for (int c = threadIdx.x; c < cols; c += blockDim.x) {
            T v = (in[c] - mu) * r;
            if (gamma != nullptr) v *= gamma[c];
            if (beta != nullptr) v += beta[c];
            out[c] = v;
        }
        if (threadIdx.x == 0) {
            if (mean != nullptr) mean[row] = mu;
            if (rstd != nullptr) rstd[row] = r;
        }
    }
}

// With xhat = (x - mean) * rstd and g = dy * gamma:
// dx = rstd * (g - mean(g) - xhat * mean(g * xhat)).
template <typename T>
__device__ void layernorm_backward_input(T* dx, const T* dy, const T* x, const T* mean, const T* rstd, const T* gamma,
                                         int rows, int cols) {
    __shared__ T scratch[NABLA_WARP_SIZE];
    NABLA_BLOCK_PER_ROW(row, rows) {
        const long long base = row * cols;
        const T mu = mean[row], r = rstd[row];
        T sumG = T(0), sumGX = T(0);
        for (int c = threadIdx.x; c < cols; c += blockDim.x) {
            const T g = gamma != nullptr ? dy[base + c] * gamma[c] : dy[base + c];
            sumG += g;
            sumGX += g * (x[base + c] - mu) * r;
        }
        const T meanG = nabla_block_sum(sumG, scratch) / T(cols);
        const T meanGX = nabla_block_sum(sumGX, scratch) / T(cols);
        for (int c = threadIdx.x; c < cols; c += blockDim.x) {
            const T g = gamma != nullptr ? dy[base + c] * gamma[c] : dy[base + c];
            const T xhat = (x[base + c] - mu) * r;
            dx[base + c] = r * (g - meanG - xhat * meanGX);
        }
    }
}

// dgamma[c] = sum_r dy[r, c] * xhat[r, c], dbeta[c] = sum_r dy[r, c]. Overwrites (does not accumulate).
// Block of 32 * LAYERNORM_PARAM_SLAB_ROWS threads (fewer warps also work): lane = column within the slab,
// warp = row phase.
template <typename T>
__device__ void layernorm_backward_params(T* dgamma, T* dbeta, const T* dy, const T* x, const T* mean, const T* rstd,
                                          int rows, int cols) {
    __shared__ T partialGamma[LAYERNORM_PARAM_SLAB_ROWS][NABLA_WARP_SIZE];
    __shared__ T partialBeta[LAYERNORM_PARAM_SLAB_ROWS][NABLA_WARP_SIZE];
    const int lane = threadIdx.x % NABLA_WARP_SIZE;
    const int phase = threadIdx.x / NABLA_WARP_SIZE;
    const int phases = min((int)blockDim.x / NABLA_WARP_SIZE, LAYERNORM_PARAM_SLAB_ROWS);
    for (long long slab = blockIdx.x; slab * NABLA_WARP_SIZE < cols; slab += gridDim.x) {
        const long long c = slab * NABLA_WARP_SIZE + lane;
        T sg = T(0), sb = T(0);
        if (c < cols && phase < phases) {
            for (long long r = phase; r < rows; r += phases) {
                const T g = dy[r * cols + c];
                sg += g * (x[r * cols + c] - mean[r]) * rstd[r];
                sb += g;
            }
        }
        __syncthreads();  // the previous slab's totals have been read
        if (phase < phases) {
            partialGamma[phase][lane] = sg;
            partialBeta[phase][lane] = sb;
        }
        __syncthreads();
        if (phase == 0 && c < cols) {
            T tg = T(0), tb = T(0);
            for (int p = 0; p < phases; ++p) {
                tg += partialGamma[p][lane];
                tb += partialBeta[p][lane];
            }
            if (dgamma != nullptr) dgamma[c] = tg;
            if (dbeta != nullptr) dbeta[c] = tb;
        }
    }
}

#define LAYERNORM_KERNELS(T, S)                                                                                       \
    extern "C" __global__ void layernorm_forward_##S(T* y, T* mean, T* rstd, const T* x, const T* gamma,              \
                                                     const T* beta, int rows, int cols, T eps) {                      \
        layernorm_forward(y, mean, rstd, x, gamma, beta, rows, cols, eps);                                            \
    }                                                                                                                 \
    extern "C" __global__ void layernorm_backward_input_##S(T* dx, const T* dy, const T* x, const T* mean,            \
                                                            const T* rstd, const T* gamma, int rows, int cols) {      \
        layernorm_backward_input(dx, dy, x, mean, rstd, gamma, rows, cols);                                           \
    }                                                                                                                 \
    extern "C" __global__ void layernorm_backward_params_##S(T* dgamma, T* dbeta, const T* dy, const T* x,            \
                                                             const T* mean, const T* rstd, int rows, int cols) {      \
        layernorm_backward_params(dgamma, dbeta, dy, x, mean, rstd, rows, cols);                                      \
    }

NABLA_FOR_FLOAT_TYPES(LAYERNORM_KERNELS)
