// The elementwise part of a GRU step (core's GruCellKernel), one thread per (batch row b, hidden unit j) of
// contiguous operands: projections x = [x_r | x_z | x_n] and p = [p_r | p_z | p_n] [B, 3H], hidden state h [B, H];
// r = sigmoid(x_r + p_r), z = sigmoid(x_z + p_z), n = tanh(x_n + r p_n), h' = (1 - z) n + z h.
// The per-element functions are __host__ __device__ so that the host emulator runs exactly this code.
#include "nabla_common.cuh"

// The gates of element idx = b * hidden + j.
template <typename T> struct GruGates {
    T r, z, n, pn;

    __host__ __device__ __forceinline__ static GruGates of(const T* x_proj, const T* h_proj, int hidden, long long idx) {
        const long long b = idx / hidden, j = idx % hidden;
        const T* x = x_proj + b * 3 * hidden + j;
        const T* p = h_proj + b * 3 * hidden + j;
        const T r = nabla_sigmoid(x[0] + p[0]);
        const T z = nabla_sigmoid(x[hidden] + p[hidden]);
        return {r, z, tanh(x[2 * hidden] + r * p[2 * hidden]), p[2 * hidden]};
    }
};

template <typename T>
__host__ __device__ __forceinline__ void gru_cell_forward_at(T* h_new, const T* x_proj, const T* h_proj, const T* h,
                                                             int hidden, long long idx) {
    const GruGates<T> g = GruGates<T>::of(x_proj, h_proj, hidden, idx);
    h_new[idx] = (T(1) - g.z) * g.n + g.z * h[idx];
}

// Writes the three gate gradients into grad_x (pre-activations) and grad_p (the same, with r p_n's share times r),
// and the direct hidden-state gradient z g.
template <typename T>
__host__ __device__ __forceinline__ void gru_cell_backward_at(T* grad_x, T* grad_p, T* grad_h, const T* x_proj,
                                                              const T* h_proj, const T* h, const T* grad_h_new,
                                                              int hidden, long long idx) {
    const GruGates<T> g = GruGates<T>::of(x_proj, h_proj, hidden, idx);
    const T gh = grad_h_new[idx];
    const T dn = gh * (T(1) - g.z) * (T(1) - g.n * g.n);
    const T dr = dn * g.pn * g.r * (T(1) - g.r);
    const T dz = gh * (h[idx] - g.n) * g.z * (T(1) - g.z);
    const long long b = idx / hidden, j = idx % hidden;
    T* dx = grad_x + b * 3 * hidden + j;
    T* dp = grad_p + b * 3 * hidden + j;
    dx[0] = dr;
    dx[hidden] = dz;
    dx[2 * hidden] = dn;
    dp[0] = dr;
    dp[hidden] = dz;
    dp[2 * hidden] = dn * g.r;
    grad_h[idx] = gh * g.z;
}

#define GRU_CELL_KERNELS(T, S)                                                                                        \
    extern "C" __global__ void gru_cell_forward_##S(T* h_new, const T* x_proj, const T* h_proj, const T* h, int batch, \
                                                    int hidden) {                                                     \
        NABLA_GRID_STRIDE(idx, (long long)batch * hidden) gru_cell_forward_at(h_new, x_proj, h_proj, h, hidden, idx); \
    }                                                                                                                 \
    extern "C" __global__ void gru_cell_backward_##S(T* grad_x, T* grad_p, T* grad_h, const T* x_proj,                \
                                                     const T* h_proj, const T* h, const T* grad_h_new, int batch,     \
                                                     int hidden) {                                                    \
        NABLA_GRID_STRIDE(idx, (long long)batch * hidden)                                                             \
            gru_cell_backward_at(grad_x, grad_p, grad_h, x_proj, h_proj, h, grad_h_new, hidden, idx);                 \
    }

NABLA_FOR_FLOAT_TYPES(GRU_CELL_KERNELS)
