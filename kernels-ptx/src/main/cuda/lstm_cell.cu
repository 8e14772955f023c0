// The elementwise part of an LSTM step (core's LstmCellKernel), one thread per (batch row b, hidden unit j)
// of contiguous operands: gates [B, 4H] = [a_i | a_f | a_g | a_o], cell state c [B, H], output hc [B, 2H] =
// [h | c'] with c' = sigmoid(a_f) c + sigmoid(a_i) tanh(a_g) and h = sigmoid(a_o) tanh(c').
// The per-element functions are __host__ __device__ so that a host test runs exactly this arithmetic and
// indexing against the CPU backend.
#include "nabla_common.cuh"

// Writes h and c' of element idx = b * hidden + j.
template <typename T>
__host__ __device__ __forceinline__ void lstm_cell_forward_at(T* hc, const T* gates, const T* c, int hidden, long long idx) {
    const long long b = idx / hidden, j = idx % hidden;
    const T* a = gates + b * 4 * hidden + j;
    const T cNew = nabla_sigmoid(a[hidden]) * c[idx] + nabla_sigmoid(a[0]) * tanh(a[2 * hidden]);
    T* out = hc + b * 2 * hidden + j;
    out[0] = nabla_sigmoid(a[3 * hidden]) * tanh(cNew);
    out[hidden] = cNew;
}

// Writes the four gate gradients and the previous cell state's gradient of element idx = b * hidden + j, from
// the forward's gates, c and hc and the output gradient grad_hc [B, 2H].
template <typename T>
__host__ __device__ __forceinline__ void lstm_cell_backward_at(T* grad_gates, T* grad_c, const T* gates, const T* c,
                                                               const T* hc, const T* grad_hc, int hidden, long long idx) {
    const long long b = idx / hidden, j = idx % hidden;
    const T* a = gates + b * 4 * hidden + j;
    const T i = nabla_sigmoid(a[0]), f = nabla_sigmoid(a[hidden]), g = tanh(a[2 * hidden]), o = nabla_sigmoid(a[3 * hidden]);
    const T tc = tanh(hc[b * 2 * hidden + hidden + j]);
    const T* gradOut = grad_hc + b * 2 * hidden + j;
    const T dc = gradOut[hidden] + gradOut[0] * o * (T(1) - tc * tc);
    T* da = grad_gates + b * 4 * hidden + j;
    da[0] = dc * g * i * (T(1) - i);
    da[hidden] = dc * c[idx] * f * (T(1) - f);
    da[2 * hidden] = dc * i * (T(1) - g * g);
    da[3 * hidden] = gradOut[0] * tc * o * (T(1) - o);
    grad_c[idx] = dc * f;
}

#define LSTM_CELL_KERNELS(T, S)                                                                                     \
    extern "C" __global__ void lstm_cell_forward_##S(T* hc, const T* gates, const T* c, int batch, int hidden) {    \
        NABLA_GRID_STRIDE(idx, (long long)batch * hidden) lstm_cell_forward_at(hc, gates, c, hidden, idx);          \
    }                                                                                                               \
    extern "C" __global__ void lstm_cell_backward_##S(T* grad_gates, T* grad_c, const T* gates, const T* c,         \
                                                      const T* hc, const T* grad_hc, int batch, int hidden) {       \
        NABLA_GRID_STRIDE(idx, (long long)batch * hidden)                                                           \
            lstm_cell_backward_at(grad_gates, grad_c, gates, c, hc, grad_hc, hidden, idx);                          \
    }

NABLA_FOR_FLOAT_TYPES(LSTM_CELL_KERNELS)
