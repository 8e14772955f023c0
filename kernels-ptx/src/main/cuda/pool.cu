// 2-D max and average pooling on NCHW tensors (zero padding; dilation for max pooling; the output size comes from
// the host, which applies PyTorch's floor or ceil rule, so a ceil-mode last window may overhang the padding): fallbacks
// for when cuDNN is unavailable. x: [N, C, H, W]; y: [N, C, outH, outW]. Window o along an axis starts at
// o * stride - pad and reads taps start + dilation * t. Backward kernels run one thread per input pixel and gather
// from every window that covers it (no atomics, deterministic); they overwrite dx.
#include "nabla_common.cuh"

struct PoolGeometry {
    int height, width, kh, kw, sh, sw, ph, pw, dh, dw, outH, outW;
};

// Output positions [first, last] along one axis whose window span (kernel taps spaced by dilation) covers input
// coordinate `at`; with dilation some of them skip it between taps, which the callers check.
__device__ __forceinline__ void pool_covering(int at, int pad, int kernel, int stride, int dilation, int outSize,
                                              int& first, int& last) {
    const int shifted = at + pad;  // window o spans shifted in [o * stride, o * stride + dilation * (kernel - 1)]
    const int span = dilation * (kernel - 1) + 1;
    first = shifted < span ? 0 : (shifted - span) / stride + 1;
    last = min(shifted / stride, outSize - 1);
}

// argmax (nullable) receives the winning input position h * W + w within the plane (the first maximum, or the
// first NaN in window order, as the CPU's paths pick it; -1 if the window reads no input cell, with y = -inf,
// which the host never launches).
template <typename T> __device__ void maxpool2d_forward(T* y, int* argmax, const T* x, int planes, const PoolGeometry g) {
    NABLA_GRID_STRIDE(e, (long long)planes * g.outH * g.outW) {
        const int ow = (int)(e % g.outW), oh = (int)((e / g.outW) % g.outH);
        const long long plane = e / ((long long)g.outW * g.outH);
        const T* in = x + plane * g.height * g.width;
        T best = nabla_neg_infinity<T>();
        int bestAt = -1;
        for (int i = 0; i < g.kh; ++i) {
            const int h = oh * g.sh - g.ph + i * g.dh;
            if (h < 0 || h >= g.height) continue;
            for (int j = 0; j < g.kw; ++j) {
                const int w = ow * g.sw - g.pw + j * g.dw;
                if (w < 0 || w >= g.width) continue;
                const T v = in[h * g.width + w];
                if (bestAt < 0 || v > best || (nabla_isnan(v) && !nabla_isnan(best))) {
                    best = v;
                    bestAt = h * g.width + w;
                }
            }
        }
        y[e] = best;
        if (argmax != nullptr) argmax[e] = bestAt;
    }
}

template <typename T> __device__ void maxpool2d_backward(T* dx, const T* dy, const int* argmax, int planes, const PoolGeometry g) {
    NABLA_GRID_STRIDE(e, (long long)planes * g.height * g.width) {
        const int w = (int)(e % g.width), h = (int)((e / g.width) % g.height);
        const long long plane = e / ((long long)g.width * g.height);
        const long long outBase = plane * g.outH * g.outW;
        int oh0, oh1, ow0, ow1;
        pool_covering(h, g.ph, g.kh, g.sh, g.dh, g.outH, oh0, oh1);
        pool_covering(w, g.pw, g.kw, g.sw, g.dw, g.outW, ow0, ow1);
        T sum = T(0);
        for (int oh = oh0; oh <= oh1; ++oh)
            for (int ow = ow0; ow <= ow1; ++ow) {
                const long long o = outBase + (long long)oh * g.outW + ow;
                if (argmax[o] == h * g.width + w) sum += dy[o];  // a window whose taps skip (h, w) never names it
            }
        dx[e] = sum;
    }
}

// Divisor (average pooling is never dilated): with countIncludePad the window's cells inside the padded input (all
// kh * kw unless a ceil-mode window overhangs it), else its cells inside the input, as PyTorch divides.
__device__ __forceinline__ int avgpool_divisor(int oh, int ow, const PoolGeometry g, int countIncludePad) {
    const int top = oh * g.sh - g.ph, left = ow * g.sw - g.pw;
    if (countIncludePad) return (min(top + g.kh, g.height + g.ph) - top) * (min(left + g.kw, g.width + g.pw) - left);
    const int h0 = max(top, 0), h1 = min(top + g.kh, g.height);
    const int w0 = max(left, 0), w1 = min(left + g.kw, g.width);
    return (h1 - h0) * (w1 - w0);
}

template <typename T> __device__ void avgpool2d_forward(T* y, const T* x, int planes, const PoolGeometry g, int countIncludePad) {
    NABLA_GRID_STRIDE(e, (long long)planes * g.outH * g.outW) {
        const int ow = (int)(e % g.outW), oh = (int)((e / g.outW) % g.outH);
        const long long plane = e / ((long long)g.outW * g.outH);
        const T* in = x + plane * g.height * g.width;
        T sum = T(0);
        for (int h = max(oh * g.sh - g.ph, 0); h < min(oh * g.sh - g.ph + g.kh, g.height); ++h)
            for (int w = max(ow * g.sw - g.pw, 0); w < min(ow * g.sw - g.pw + g.kw, g.width); ++w) sum += in[h * g.width + w];
        y[e] = sum / T(avgpool_divisor(oh, ow, g, countIncludePad));
    }
}

template <typename T> __device__ void avgpool2d_backward(T* dx, const T* dy, int planes, const PoolGeometry g, int countIncludePad) {
    NABLA_GRID_STRIDE(e, (long long)planes * g.height * g.width) {
        const int w = (int)(e % g.width), h = (int)((e / g.width) % g.height);
        const long long plane = e / ((long long)g.width * g.height);
        const long long outBase = plane * g.outH * g.outW;
        int oh0, oh1, ow0, ow1;
        pool_covering(h, g.ph, g.kh, g.sh, 1, g.outH, oh0, oh1);
        pool_covering(w, g.pw, g.kw, g.sw, 1, g.outW, ow0, ow1);
        T sum = T(0);
        for (int oh = oh0; oh <= oh1; ++oh)
            for (int ow = ow0; ow <= ow1; ++ow)
                sum += dy[outBase + (long long)oh * g.outW + ow] / T(avgpool_divisor(oh, ow, g, countIncludePad));
        dx[e] = sum;
    }
}

#define POOL_PARAMS \
    int N, int C, int H, int W, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, int outH, int outW
#define POOL_GEOMETRY N * C, PoolGeometry{H, W, kh, kw, sh, sw, ph, pw, dh, dw, outH, outW}

#define POOL_KERNELS(T, S)                                                                                         \
    extern "C" __global__ void maxpool2d_forward_##S(T* y, int* argmax, const T* x, POOL_PARAMS) {                 \
        maxpool2d_forward(y, argmax, x, POOL_GEOMETRY);                                                            \
    }                                                                                                              \
    extern "C" __global__ void maxpool2d_backward_##S(T* dx, const T* dy, const int* argmax, POOL_PARAMS) {        \
        maxpool2d_backward(dx, dy, argmax, POOL_GEOMETRY);                                                         \
    }                                                                                                              \
    extern "C" __global__ void avgpool2d_forward_##S(T* y, const T* x, POOL_PARAMS, int countIncludePad) {         \
        avgpool2d_forward(y, x, POOL_GEOMETRY, countIncludePad);                                                   \
    }                                                                                                              \
    extern "C" __global__ void avgpool2d_backward_##S(T* dx, const T* dy, POOL_PARAMS, int countIncludePad) {      \
        avgpool2d_backward(dx, dy, POOL_GEOMETRY, countIncludePad);                                                \
    }

NABLA_FOR_FLOAT_TYPES(POOL_KERNELS)
