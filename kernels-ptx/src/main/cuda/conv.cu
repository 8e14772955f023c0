// im2col / col2im for 2-D convolution on NCHW tensors, with stride, zero padding and dilation.
// x: [N, C, H, W]; col: [N, C * kh * kw, outH * outW] with row index (c * kh + i) * kw + j and
// column index oh * outW + ow, so conv = W[OC, C*kh*kw] x col[n] (a batched GEMM).
// outH = (H + 2 ph - dh (kh - 1) - 1) / sh + 1, outW likewise (LaunchGeometry.convOutputSize).
#include "nabla_common.cuh"

struct ConvGeometry {
    int channels, height, width, kh, kw, sh, sw, ph, pw, dh, dw, outH, outW;
};

__device__ __forceinline__ ConvGeometry conv_geometry(int C, int H, int W, int kh, int kw, int sh, int sw, int ph, int pw,
                                                      int dh, int dw) {
    return {C, H, W, kh, kw, sh, sw, ph, pw, dh, dw, (H + 2 * ph - dh * (kh - 1) - 1) / sh + 1,
            (W + 2 * pw - dw * (kw - 1) - 1) / sw + 1};
}

// One thread per col element; padding reads as zero.
template <typename T> __device__ void im2col(T* col, const T* x, int N, const ConvGeometry g) {
    const long long outArea = (long long)g.outH * g.outW;
    const long long rowsPerImage = (long long)g.channels * g.kh * g.kw;
    NABLA_GRID_STRIDE(e, N * rowsPerImage * outArea) {
        const long long pos = e % outArea;
        const long long row = (e / outArea) % rowsPerImage;
        const long long n = e / (outArea * rowsPerImage);
        const int oh = (int)(pos / g.outW), ow = (int)(pos % g.outW);
        const int j = (int)(row % g.kw), i = (int)((row / g.kw) % g.kh), c = (int)(row / ((long long)g.kw * g.kh));
        const int h = oh * g.sh - g.ph + i * g.dh, w = ow * g.sw - g.pw + j * g.dw;
        const bool inside = h >= 0 && h < g.height && w >= 0 && w < g.width;
        col[e] = inside ? x[((n * g.channels + c) * g.height + h) * g.width + w] : T(0);
    }
}

// One thread per input pixel, summing every col entry that reads it (no atomics, deterministic).
// Overwrites x.
template <typename T> __device__ void col2im(T* x, const T* col, int N, const ConvGeometry g) {
    const long long outArea = (long long)g.outH * g.outW;
    const long long rowsPerImage = (long long)g.channels * g.kh * g.kw;
    NABLA_GRID_STRIDE(e, (long long)N * g.channels * g.height * g.width) {
        const int w = (int)(e % g.width), h = (int)((e / g.width) % g.height);
        const int c = (int)((e / ((long long)g.width * g.height)) % g.channels);
        const long long n = e / ((long long)g.width * g.height * g.channels);
        T sum = T(0);
        for (int i = 0; i < g.kh; ++i) {
            const int hs = h + g.ph - i * g.dh;  // = oh * sh
            if (hs < 0 || hs % g.sh != 0 || hs / g.sh >= g.outH) continue;
            for (int j = 0; j < g.kw; ++j) {
                const int ws = w + g.pw - j * g.dw;
                if (ws < 0 || ws % g.sw != 0 || ws / g.sw >= g.outW) continue;
                const long long row = ((long long)c * g.kh + i) * g.kw + j;
                sum += col[(n * rowsPerImage + row) * outArea + (long long)(hs / g.sh) * g.outW + ws / g.sw];
            }
        }
        x[e] = sum;
    }
}

#define CONV_KERNELS(T, S)                                                                                          \
    extern "C" __global__ void im2col_##S(T* col, const T* x, int N, int C, int H, int W, int kh, int kw, int sh,   \
                                          int sw, int ph, int pw, int dh, int dw) {                                 \
        im2col(col, x, N, conv_geometry(C, H, W, kh, kw, sh, sw, ph, pw, dh, dw));                                  \
    }                                                                                                               \
    extern "C" __global__ void col2im_##S(T* x, const T* col, int N, int C, int H, int W, int kh, int kw, int sh,   \
                                          int sw, int ph, int pw, int dh, int dw) {                                 \
        col2im(x, col, N, conv_geometry(C, H, W, kh, kw, sh, sw, ph, pw, dh, dw));                                  \
    }

NABLA_FOR_FLOAT_TYPES(CONV_KERNELS)
