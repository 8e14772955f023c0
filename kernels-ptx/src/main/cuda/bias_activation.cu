// act(x + bias) with the bias broadcast along the channels of a contiguous float32 tensor viewed as
// [outer, channels, inner] (core's BiasActivationKernel), and its gradients. `act` is the unary op code of
// RELU, SIGMOID or TANH. The activation is the elementwise kernels' own (nabla_relu, nabla_sigmoid, tanh) and
// every step rounds as the composed ops round, so results equal the separate add, activation and gradient
// kernels bit for bit. The per-element functions are __host__ __device__ so that a host test runs exactly this
// arithmetic and indexing against the CPU backend.
#include "nabla_common.cuh"
#include "nabla_ops.cuh"

// out[idx] for x[idx] in channel (idx / inner) % channels.
__host__ __device__ __forceinline__ float bias_activation_at(const float* x, const float* bias, int channels, int inner,
                                                             int act, long long idx) {
    const float v = nabla_add_rn(x[idx], bias[(idx / inner) % channels]);
    switch (act) {
        case NABLA_UNARY_RELU: return nabla_relu(v);
        case NABLA_UNARY_SIGMOID: return nabla_sigmoid(v);
        case NABLA_UNARY_TANH: return tanh(v);
        default: return 0.0f / 0.0f;  // NaN for an unknown code, as the elementwise kernels answer one
    }
}

// gradX[idx] from the forward output y and its gradient g: g (y > 0), (g y)(1 - y) or g (1 - y y).
__host__ __device__ __forceinline__ float bias_activation_grad_at(const float* y, const float* g, int act, long long idx) {
    const float out = y[idx], grad = g[idx];
    switch (act) {
        case NABLA_UNARY_RELU: return nabla_mul_rn(grad, out > 0.0f ? 1.0f : 0.0f);
        case NABLA_UNARY_SIGMOID: return nabla_mul_rn(nabla_mul_rn(grad, out), nabla_sub_rn(1.0f, out));
        case NABLA_UNARY_TANH: return nabla_mul_rn(grad, nabla_sub_rn(1.0f, nabla_mul_rn(out, out)));
        default: return 0.0f / 0.0f;
    }
}

// The sum in double of grad_x over the elements k = first, first + step, ... of channel `channel`'s
// outer * inner values, k = o * inner + i: one thread's share of the bias gradient.
__host__ __device__ __forceinline__ double bias_grad_partial(const float* grad_x, int outer, int channels, int inner,
                                                             long long channel, int first, int step) {
    double sum = 0.0;
    for (long long k = first; k < (long long)outer * inner; k += step) {
        const long long o = k / inner, i = k % inner;
        sum += grad_x[(o * channels + channel) * inner + i];
    }
    return sum;
}

extern "C" __global__ void bias_activation_forward_f32(float* out, const float* x, const float* bias, int n, int channels,
                                                       int inner, int act) {
    NABLA_GRID_STRIDE(idx, n) out[idx] = bias_activation_at(x, bias, channels, inner, act, idx);
}

extern "C" __global__ void bias_activation_backward_f32(float* grad_x, const float* y, const float* grad_out, int n, int act) {
    NABLA_GRID_STRIDE(idx, n) grad_x[idx] = bias_activation_grad_at(y, grad_out, act, idx);
}

// grad_bias[c] = sum of grad_x[o, c, i] over o and i, accumulated in double: one block per channel.
extern "C" __global__ void bias_grad_f32(float* grad_bias, const float* grad_x, int outer, int channels, int inner) {
    __shared__ double scratch[NABLA_WARP_SIZE];
    NABLA_BLOCK_PER_ROW(channel, channels) {
        const double sum = nabla_block_sum(
            bias_grad_partial(grad_x, outer, channels, inner, channel, threadIdx.x, blockDim.x), scratch);
        if (threadIdx.x == 0) grad_bias[channel] = (float)sum;
    }
}
