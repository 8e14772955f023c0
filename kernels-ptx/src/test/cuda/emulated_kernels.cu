// Host program for EmulatedKernelTest: launches kernels through cuda_emulator.h (compiled as C++ with that
// header forced in) on inputs drawn from the CounterRng stream, which the test regenerates bit for bit, and
// prints each output as raw float bits, one line per array, with the geometry it was launched with:
//   NAME case-fields... grid.x grid.y block.x | values
// softmax_forward (run on an H100 since) is the control that the emulation itself is sound.
#include "attention.cu"
#include "bias_activation.cu"
#include "conv.cu"
#include "cross_entropy.cu"
#include "gru_cell.cu"
#include "layernorm.cu"
#include "lstm_cell.cu"
#include "optim.cu"
#include "pool.cu"
#include "random.cu"
#include "softmax.cu"
#include "emulated_output.h"

// softmax_forward_T on [rows, cols] from seed 40, one block per row of the smallest power of two >= cols.
template <typename T>
static void softmax_case(void (*forward)(T*, const T*, int, int, int), int rows, int cols, int log) {
    const std::vector<T> x = uniform<T>(40, rows * cols, -5, 5);
    std::vector<T> y(rows * cols);
    const Dim3 grid{(unsigned)rows}, threads = row_block(cols);
    emu::launch(grid, threads, forward, y.data(), x.data(), rows, cols, log);
    print("SOFTMAX", {rows, cols, log, 8 * (int)sizeof(T)}, grid, threads, y);
}

// Keep-masks of attention_case: none, key padding [bh, 1, nk] (batch b keeps its first nk - 7b keys, the last batch
// none, so its rows see no key), or a random [bh, nq, nk] mask (CounterRng seed 34 above 0.3, row 0 of batch 0 empty).
enum { NO_MASK = 0, KEY_PADDING = 1, RANDOM_MASK = 2 };

struct Mask {
    std::vector<float> keep;
    int strideB = 0, strideQ = 0, strideK = 0;
    const float* data() const { return keep.empty() ? nullptr : keep.data(); }
};

static Mask attention_mask(int kind, int bh, int nq, int nk) {
    Mask m;
    if (kind == KEY_PADDING) {
        m.keep.resize(bh * nk);
        for (int b = 0; b < bh; ++b)
            for (int j = 0; j < nk; ++j) m.keep[b * nk + j] = (b < bh - 1 && j < nk - 7 * b) ? 1.f : 0.f;
        m.strideB = nk, m.strideQ = 0, m.strideK = 1;
    } else if (kind == RANDOM_MASK) {
        m.keep.resize(bh * nq * nk);
        for (int e = 0; e < bh * nq * nk; ++e) m.keep[e] = (e >= nk && counter_rng_uniform(34, e) > 0.3) ? 1.f : 0.f;
        m.strideB = nq * nk, m.strideQ = nk, m.strideK = 1;
    }
    return m;
}

// Forward and the three backward kernels on q (seed 30), k (31), v (32), dout (33), each on [-1, 1).
// `capped` launches every kernel with a single block in x and y, so each block strides over all rows and heads.
static void attention_case(int bh, int nq, int nk, int d, int causal, int capped, int maskKind) {
    const std::vector<float> q = uniform(30, bh * nq * d, -1, 1), k = uniform(31, bh * nk * d, -1, 1),
                             v = uniform(32, bh * nk * d, -1, 1), dout = uniform(33, bh * nq * d, -1, 1);
    const Mask m = attention_mask(maskKind, bh, nq, nk);
    std::vector<float> out(bh * nq * d), lse(bh * nq), delta(bh * nq), dq(bh * nq * d), dk(bh * nk * d), dv(bh * nk * d);
    const float scale = 1.0f / std::sqrt((float)d);
    const Dim3 threads{256};
    const Dim3 queryGrid = capped ? Dim3{1, 1} : Dim3{ceil_div(nq, 8), (unsigned)bh};
    const Dim3 keyGrid = capped ? Dim3{1, 1} : Dim3{ceil_div(nk, 8), (unsigned)bh};
    const Dim3 rowGrid = capped ? Dim3{1, 1} : Dim3{ceil_div((long long)bh * nq, 8)};
    emu::launch(queryGrid, threads, attention_forward_f32, out.data(), lse.data(), q.data(), k.data(), v.data(), m.data(),
                m.strideB, m.strideQ, m.strideK, bh, nq, nk, d, scale, causal);
    emu::launch(rowGrid, threads, attention_backward_delta_f32, delta.data(), out.data(), dout.data(), bh * nq, d);
    emu::launch(queryGrid, threads, attention_backward_dq_f32, dq.data(), q.data(), k.data(), v.data(), dout.data(),
                lse.data(), delta.data(), m.data(), m.strideB, m.strideQ, m.strideK, bh, nq, nk, d, scale, causal);
    emu::launch(keyGrid, threads, attention_backward_dkdv_f32, dk.data(), dv.data(), q.data(), k.data(), v.data(),
                dout.data(), lse.data(), delta.data(), m.data(), m.strideB, m.strideQ, m.strideK, bh, nq, nk, d, scale,
                causal);
    const std::vector<int> fields{bh, nq, nk, d, causal, capped, maskKind};
    print("ATTENTION_OUT", fields, queryGrid, threads, out);
    print("ATTENTION_LSE", fields, queryGrid, threads, lse);
    print("ATTENTION_DQ", fields, queryGrid, threads, dq);
    print("ATTENTION_DK", fields, keyGrid, threads, dk);
    print("ATTENTION_DV", fields, keyGrid, threads, dv);
}

// The LSTM cell kernels in T (bits: 32 or 64) on gates (seed 1, [-6, 6)), c (2, [-2, 2)), grad_hc (3, [-1, 1)),
// one 256-thread block per 256 elements, or a single block striding over all of them.
template <typename T>
static void lstm_case(void (*forward)(T*, const T*, const T*, int, int),
                      void (*backward)(T*, T*, const T*, const T*, const T*, const T*, int, int), int batch, int hidden,
                      int capped) {
    const int n = batch * hidden, bits = 8 * sizeof(T);
    const std::vector<T> gates = uniform<T>(1, 4 * n, -6, 6), c = uniform<T>(2, n, -2, 2),
                         grad_hc = uniform<T>(3, 2 * n, -1, 1);
    std::vector<T> hc(2 * n), grad_gates(4 * n), grad_c(n);
    const Dim3 grid = capped ? Dim3{1} : elementwise_grid(n), threads{256};
    emu::launch(grid, threads, forward, hc.data(), gates.data(), c.data(), batch, hidden);
    emu::launch(grid, threads, backward, grad_gates.data(), grad_c.data(), gates.data(), c.data(), hc.data(), grad_hc.data(),
                batch, hidden);
    print("LSTM_HC", {bits, batch, hidden, capped}, grid, threads, hc);
    print("LSTM_GRAD_GATES", {bits, batch, hidden, capped}, grid, threads, grad_gates);
    print("LSTM_GRAD_C", {bits, batch, hidden, capped}, grid, threads, grad_c);
}

// Bias plus activation on x (seed 10, [-4, 4)), bias (11, [-1, 1)), grad_out (12, [-1, 1)), then the bias gradient
// with one block per channel of the smallest power of two >= outer * inner threads.
static void bias_case(int act, int outer, int channels, int inner) {
    const int n = outer * channels * inner;
    const std::vector<float> x = uniform(10, n, -4, 4), bias = uniform(11, channels, -1, 1), grad_out = uniform(12, n, -1, 1);
    std::vector<float> y(n), grad_x(n), grad_bias(channels);
    const Dim3 grid = elementwise_grid(n), threads{256};
    emu::launch(grid, threads, bias_activation_forward_f32, y.data(), x.data(), bias.data(), n, channels, inner, act);
    emu::launch(grid, threads, bias_activation_backward_f32, grad_x.data(), y.data(), grad_out.data(), n, act);
    const Dim3 channelGrid{(unsigned)channels}, channelThreads = row_block((long long)outer * inner);
    emu::launch(channelGrid, channelThreads, bias_grad_f32, grad_bias.data(), grad_x.data(), outer, channels, inner);
    print("BIAS_Y", {act, outer, channels, inner}, grid, threads, y);
    print("BIAS_GRAD_X", {act, outer, channels, inner}, grid, threads, grad_x);
    print("BIAS_GRAD_BIAS", {act, outer, channels, inner}, channelGrid, channelThreads, grad_bias);
}

// Cross-entropy of logits [rows, classes] (seed 70, [-4, 4)) against targets (seed 71) with every fifth row ignored
// (-100), then its gradient for an upstream gradient (seed 72, [-1, 1)) per row. The kernels take int32 targets.
template <typename T>
static void cross_entropy_case(void (*forward)(T*, T*, T*, const T*, const int*, int, int, int),
                               void (*backward)(T*, const T*, const T*, const int*, const T*, int, int, int, int),
                               int rows, int classes) {
    const std::vector<T> logits = uniform<T>(70, rows * classes, -4, 4), dloss = uniform<T>(72, rows, -1, 1);
    std::vector<int> target(rows);
    for (int r = 0; r < rows; ++r) target[r] = r % 5 == 4 ? -100 : (int)counter_rng_uniform_on(71, r, 0, classes);
    std::vector<T> loss(rows), lse(rows), dlogits(rows * classes);
    const Dim3 grid{(unsigned)rows}, threads = row_block(classes);
    emu::launch(grid, threads, forward, loss.data(), lse.data(), (T*)nullptr, logits.data(), target.data(), rows,
                classes, -100);
    const Dim3 elements = elementwise_grid((long long)rows * classes), elementThreads{256};
    emu::launch(elements, elementThreads, backward, dlogits.data(), logits.data(), lse.data(), target.data(),
                dloss.data(), 1, rows, classes, -100);
    const std::vector<int> fields{rows, classes, 8 * (int)sizeof(T)};
    print("CE_LOSS", fields, grid, threads, loss);
    print("CE_GRAD", fields, elements, elementThreads, dlogits);
}

// The GRU cell kernels in T on projections x (seed 4, [-3, 3)), p (seed 5, [-3, 3)), h (seed 6, [-1, 1)) and the
// gradient of h' (seed 7, [-1, 1)).
template <typename T>
static void gru_case(void (*forward)(T*, const T*, const T*, const T*, int, int),
                     void (*backward)(T*, T*, T*, const T*, const T*, const T*, const T*, int, int), int batch, int hidden) {
    const int n = batch * hidden, bits = 8 * sizeof(T);
    const std::vector<T> x = uniform<T>(4, 3 * n, -3, 3), p = uniform<T>(5, 3 * n, -3, 3), h = uniform<T>(6, n, -1, 1),
                         g = uniform<T>(7, n, -1, 1);
    std::vector<T> h_new(n), grad_x(3 * n), grad_p(3 * n), grad_h(n);
    const Dim3 grid = elementwise_grid(n), threads{256};
    emu::launch(grid, threads, forward, h_new.data(), x.data(), p.data(), h.data(), batch, hidden);
    emu::launch(grid, threads, backward, grad_x.data(), grad_p.data(), grad_h.data(), x.data(), p.data(), h.data(),
                g.data(), batch, hidden);
    print("GRU_H", {bits, batch, hidden}, grid, threads, h_new);
    print("GRU_GRAD_X", {bits, batch, hidden}, grid, threads, grad_x);
    print("GRU_GRAD_P", {bits, batch, hidden}, grid, threads, grad_p);
    print("GRU_GRAD_H", {bits, batch, hidden}, grid, threads, grad_h);
}

// Regression cover for row kernels the H100 ran: softmax and log-softmax backward on y (seed 41) and dy (42), layer
// norm forward and input gradient on x (seed 43, [-3, 5)) and dy (44), each [rows, cols] in T, one block per row.
template <typename T>
static void row_kernels_case(void (*softmax_backward)(T*, const T*, const T*, int, int, int),
                             void (*layernorm_forward)(T*, T*, T*, const T*, const T*, const T*, int, int, T),
                             void (*layernorm_backward)(T*, const T*, const T*, const T*, const T*, const T*, int, int),
                             int rows, int cols) {
    const std::vector<T> y = uniform<T>(41, rows * cols, 0, 1), dy = uniform<T>(42, rows * cols, -1, 1),
                         x = uniform<T>(43, rows * cols, -3, 5), dnorm = uniform<T>(44, rows * cols, -1, 1);
    const Dim3 grid{(unsigned)rows}, threads = row_block(cols);
    const int bits = 8 * (int)sizeof(T);
    for (int log = 0; log <= 1; ++log) {
        std::vector<T> dx(rows * cols);
        emu::launch(grid, threads, softmax_backward, dx.data(), y.data(), dy.data(), rows, cols, log);
        print("SOFTMAX_GRAD", {rows, cols, log, bits}, grid, threads, dx);
    }
    std::vector<T> out(rows * cols), mean(rows), rstd(rows), dx(rows * cols);
    emu::launch(grid, threads, layernorm_forward, out.data(), mean.data(), rstd.data(), x.data(), (const T*)nullptr,
                (const T*)nullptr, rows, cols, T(1e-5));
    emu::launch(grid, threads, layernorm_backward, dx.data(), dnorm.data(), x.data(), mean.data(), rstd.data(),
                (const T*)nullptr, rows, cols);
    print("LAYERNORM", {rows, cols, bits}, grid, threads, out);
    print("LAYERNORM_GRAD", {rows, cols, bits}, grid, threads, dx);
}

// Layer norm with its weight and bias on x (seed 50, [-3, 5)), gamma (51, [-2, 2)), beta (52, [-1, 1)) and dy (53,
// [-1, 1)), [rows, cols]: forward and input gradient one block per row; the parameter gradients in 256-thread blocks,
// one per 32-column slab (LaunchGeometry.columnSlabs) or, with slabBlocks > 0, that many blocks striding over the
// slabs, which then also run with dbeta null and must give the same dgamma.
template <typename T>
static void layernorm_affine_case(void (*forward)(T*, T*, T*, const T*, const T*, const T*, int, int, T),
                                  void (*backward_input)(T*, const T*, const T*, const T*, const T*, const T*, int,
                                                         int),
                                  void (*backward_params)(T*, T*, const T*, const T*, const T*, const T*, int, int),
                                  int rows, int cols, int slabBlocks) {
    const std::vector<T> x = uniform<T>(50, rows * cols, -3, 5), gamma = uniform<T>(51, cols, -2, 2),
                         beta = uniform<T>(52, cols, -1, 1), dy = uniform<T>(53, rows * cols, -1, 1);
    std::vector<T> y(rows * cols), mean(rows), rstd(rows), dx(rows * cols), dgamma(cols), dbeta(cols);
    const Dim3 grid{(unsigned)rows}, threads = row_block(cols);
    emu::launch(grid, threads, forward, y.data(), mean.data(), rstd.data(), x.data(), gamma.data(),
                beta.data(), rows, cols, T(1e-5));
    emu::launch(grid, threads, backward_input, dx.data(), dy.data(), x.data(), mean.data(), rstd.data(),
                gamma.data(), rows, cols);
    const Dim3 slabs{slabBlocks > 0 ? (unsigned)slabBlocks : ceil_div(cols, 32)}, slabThreads{256};
    emu::launch(slabs, slabThreads, backward_params, dgamma.data(), dbeta.data(), dy.data(), x.data(),
                mean.data(), rstd.data(), rows, cols);
    const std::vector<int> fields{rows, cols, slabBlocks, 8 * (int)sizeof(T)};
    print("LAYERNORM_AFFINE", fields, grid, threads, y);
    print("LAYERNORM_AFFINE_DX", fields, grid, threads, dx);
    print("LAYERNORM_DGAMMA", fields, slabs, slabThreads, dgamma);
    print("LAYERNORM_DBETA", fields, slabs, slabThreads, dbeta);
    if (slabBlocks > 0) {
        std::vector<T> alone(cols);
        emu::launch(slabs, slabThreads, backward_params, alone.data(), (T*)nullptr, dy.data(), x.data(),
                    mean.data(), rstd.data(), rows, cols);
        print("LAYERNORM_DGAMMA_ALONE", fields, slabs, slabThreads, alone);
    }
}

// One Adam step (decay folded in by the caller, as the backend launches it) on param (seed 45), moments (46, 47; the
// second non-negative) and grad (48).
template <typename T>
static void adam_case(void (*adam)(T*, T*, T*, const T*, int, T, T, T, T, T, T, T, int), int n) {
    std::vector<T> param = uniform<T>(45, n, -1, 1), m = uniform<T>(46, n, -0.1, 0.1), v = uniform<T>(47, n, 0, 0.01);
    const std::vector<T> grad = uniform<T>(48, n, -1, 1);
    const Dim3 grid = elementwise_grid(n), threads{256};
    emu::launch(grid, threads, adam, param.data(), m.data(), v.data(), grad.data(), n, T(1e-3), T(0.9), T(0.999), T(1e-8),
                T(0), T(0.271), T(0.0297), 0);
    const int bits = 8 * (int)sizeof(T);
    print("ADAM_PARAM", {n, bits}, grid, threads, param);
    print("ADAM_M", {n, bits}, grid, threads, m);
    print("ADAM_V", {n, bits}, grid, threads, v);
}

// im2col of x [n, c, h, w] (seed 80, [-2, 2)) and col2im of columns (seed 81, [-1, 1)) in T, with the geometry
// (kernel kh x kw, strides, padding, dilation) as printed. threads = 0 launches LaunchGeometry.elementwise's grid,
// else one block of that many threads, which must stride over everything.
template <typename T>
static void columns_case(void (*unfold)(T*, const T*, int, int, int, int, int, int, int, int, int, int, int, int),
                         void (*fold)(T*, const T*, int, int, int, int, int, int, int, int, int, int, int, int), int n,
                         int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw,
                         unsigned threads) {
    const int oh = (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1, ow = (w + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
    const int image = n * c * h * w, columns = n * c * kh * kw * oh * ow, bits = 8 * sizeof(T);
    const std::vector<T> x = uniform<T>(80, image, -2, 2), col = uniform<T>(81, columns, -1, 1);
    std::vector<T> col_out(columns), x_out(image);
    const Dim3 block{threads == 0 ? 256u : threads};
    const Dim3 col_grid = threads == 0 ? elementwise_grid(columns) : Dim3{1};
    const Dim3 image_grid = threads == 0 ? elementwise_grid(image) : Dim3{1};
    emu::launch(col_grid, block, unfold, col_out.data(), x.data(), n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
    emu::launch(image_grid, block, fold, x_out.data(), col.data(), n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
    const std::vector<int> fields{bits, n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, (int)threads};
    print("IM2COL", fields, col_grid, block, col_out);
    print("COL2IM", fields, image_grid, block, x_out);
}

// PyTorch's pooling output size along one axis (floor or ceil mode; a ceil-mode window must start inside the input
// or the leading padding), as core's PoolGeometry computes it.
static int pooled_size(int in, int k, int s, int p, int d, int ceil) {
    const int span = in + 2 * p - d * (k - 1) - 1 + (ceil ? s - 1 : 0);
    int out = (span >= 0 ? span / s : -((-span + s - 1) / s)) + 1;
    if (ceil && (out - 1) * s >= in + p) --out;
    return out;
}

// Max and average pooling of x [n, c, h, w] (seed 90, [-2, 2), x[5] = NaN) in T, forward and backward (output
// gradient seed 91, [-1, 1)), average pooling (undilated windows only) with and without the padding counted.
// threads = 0 launches LaunchGeometry.elementwise's grids, else one block of that many threads, which must stride
// over everything.
template <typename T>
static void pool_case(void (*max_forward)(T*, int*, const T*, POOL_PARAMS),
                      void (*max_backward)(T*, const T*, const int*, POOL_PARAMS),
                      void (*avg_forward)(T*, const T*, POOL_PARAMS, int),
                      void (*avg_backward)(T*, const T*, POOL_PARAMS, int), int n, int c, int h, int w, int kh, int kw,
                      int sh, int sw, int ph, int pw, int dh, int dw, int ceil, unsigned threads) {
    const int oh = pooled_size(h, kh, sh, ph, dh, ceil), ow = pooled_size(w, kw, sw, pw, dw, ceil), bits = 8 * sizeof(T);
    const int image = n * c * h * w, pooled = n * c * oh * ow;
    std::vector<T> x = uniform<T>(90, image, -2, 2);
    x[4] = x[5] = NAN;  // neighbours, so some windows hold two NaNs: the first must win
    const std::vector<T> dy = uniform<T>(91, pooled, -1, 1);
    std::vector<T> y(pooled), dx(image);
    std::vector<int> argmax(pooled);
    const Dim3 block{threads == 0 ? 256u : threads};
    const Dim3 out_grid = threads == 0 ? elementwise_grid(pooled) : Dim3{1};
    const Dim3 in_grid = threads == 0 ? elementwise_grid(image) : Dim3{1};
    const std::vector<int> fields{bits, n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, ceil, (int)threads};
    emu::launch(out_grid, block, max_forward, y.data(), argmax.data(), x.data(), n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw,
                oh, ow);
    print("MAXPOOL_Y", fields, out_grid, block, y);
    print("MAXPOOL_ARGMAX", fields, out_grid, block, std::vector<long long>(argmax.begin(), argmax.end()));
    emu::launch(in_grid, block, max_backward, dx.data(), dy.data(), argmax.data(), n, c, h, w, kh, kw, sh, sw, ph, pw, dh,
                dw, oh, ow);
    print("MAXPOOL_DX", fields, in_grid, block, dx);
    if (dh != 1 || dw != 1) return;
    x[4] = x[5] = 0;  // a NaN would only spread through the sums
    for (int countPad = 0; countPad <= 1; ++countPad) {
        std::vector<int> avgFields = fields;
        avgFields.push_back(countPad);
        emu::launch(out_grid, block, avg_forward, y.data(), x.data(), n, c, h, w, kh, kw, sh, sw, ph, pw, 1, 1, oh, ow,
                    countPad);
        print("AVGPOOL_Y", avgFields, out_grid, block, y);
        emu::launch(in_grid, block, avg_backward, dx.data(), dy.data(), n, c, h, w, kh, kw, sh, sw, ph, pw, 1, 1, oh, ow,
                    countPad);
        print("AVGPOOL_DX", avgFields, in_grid, block, dx);
    }
}

#define LAYERNORM_KERNELS_OF(S) layernorm_forward_##S, layernorm_backward_input_##S, layernorm_backward_params_##S
#define POOL_KERNELS_OF(S) maxpool2d_forward_##S, maxpool2d_backward_##S, avgpool2d_forward_##S, avgpool2d_backward_##S

int main() {
    softmax_case(softmax_forward_f32, 5, 70, 0);
    softmax_case(softmax_forward_f32, 3, 600, 1);
    softmax_case(softmax_forward_f64, 3, 600, 1);
    for (int causal = 0; causal <= 1; ++causal) {
        attention_case(2, 40, 40, 24, causal, 0, NO_MASK);
        attention_case(3, 17, 17, 64, causal, 1, NO_MASK);
    }
    attention_case(2, 5, 70, 40, 0, 0, NO_MASK);
    attention_case(1, 9, 33, 128, 0, 0, NO_MASK);
    attention_case(3, 40, 40, 24, 1, 0, KEY_PADDING);
    attention_case(2, 20, 35, 32, 0, 1, RANDOM_MASK);
    attention_case(2, 9, 60, 16, 1, 0, NO_MASK);      // causal, more keys than queries (a decoder with a cache)
    attention_case(2, 20, 9, 16, 1, 0, KEY_PADDING);  // causal, fewer keys: the first 11 rows see none
    columns_case(im2col_f32, col2im_f32, 2, 3, 7, 6, 3, 3, 1, 1, 1, 1, 1, 1, 0);   // LeNet-like: same-size output
    columns_case(im2col_f32, col2im_f32, 1, 2, 9, 8, 3, 2, 2, 3, 1, 2, 2, 1, 0);   // stride, padding and dilation per axis
    columns_case(im2col_f64, col2im_f64, 2, 2, 5, 5, 5, 5, 1, 1, 0, 0, 1, 1, 0);  // one output position per image
    columns_case(im2col_f32, col2im_f32, 3, 4, 6, 7, 2, 3, 2, 1, 0, 1, 1, 2, 64);  // one block striding over everything
    pool_case(POOL_KERNELS_OF(f32), 2, 3, 8, 6, 2, 2, 2, 2, 0, 0, 1, 1, 0, 0);   // LeNet's 2x2 stride 2
    pool_case(POOL_KERNELS_OF(f32), 1, 2, 7, 9, 3, 3, 2, 1, 1, 1, 1, 1, 0, 0);   // overlapping padded windows, strides
    pool_case(POOL_KERNELS_OF(f64), 2, 2, 5, 6, 3, 2, 1, 2, 1, 0, 1, 1, 0, 0);   // float64
    pool_case(POOL_KERNELS_OF(f32), 2, 3, 6, 5, 2, 3, 1, 1, 1, 1, 1, 1, 0, 64);  // one block striding over everything
    pool_case(POOL_KERNELS_OF(f32), 2, 2, 8, 7, 3, 2, 2, 2, 1, 1, 1, 1, 1, 0);   // ceil mode: last windows overhang
    pool_case(POOL_KERNELS_OF(f64), 1, 3, 9, 8, 3, 2, 2, 1, 1, 1, 2, 3, 1, 0);   // dilated (max only), ceil mode
    row_kernels_case(softmax_backward_f32, layernorm_forward_f32, layernorm_backward_input_f32, 5, 70);
    row_kernels_case(softmax_backward_f32, layernorm_forward_f32, layernorm_backward_input_f32, 3, 1500);
    row_kernels_case(softmax_backward_f64, layernorm_forward_f64, layernorm_backward_input_f64, 3, 1500);
    layernorm_affine_case(LAYERNORM_KERNELS_OF(f32), 5, 70, 0);    // fewer rows than the block's 8 row phases
    layernorm_affine_case(LAYERNORM_KERNELS_OF(f32), 200, 96, 0);  // many rows, whole slabs
    layernorm_affine_case(LAYERNORM_KERNELS_OF(f32), 37, 200, 2);  // 7 slabs (the last partial) over 2 blocks
    layernorm_affine_case(LAYERNORM_KERNELS_OF(f64), 37, 200, 2);
    adam_case(adam_f32, 700);
    adam_case(adam_f64, 700);
    cross_entropy_case(cross_entropy_forward_f32, cross_entropy_backward_f32, 10, 7);
    cross_entropy_case(cross_entropy_forward_f32, cross_entropy_backward_f32, 6, 700);
    cross_entropy_case(cross_entropy_forward_f64, cross_entropy_backward_f64, 6, 700);
    gru_case(gru_cell_forward_f32, gru_cell_backward_f32, 3, 100);
    gru_case(gru_cell_forward_f64, gru_cell_backward_f64, 5, 61);
    lstm_case(lstm_cell_forward_f32, lstm_cell_backward_f32, 3, 100, 0);
    lstm_case(lstm_cell_forward_f32, lstm_cell_backward_f32, 3, 100, 1);
    lstm_case(lstm_cell_forward_f64, lstm_cell_backward_f64, 4, 70, 0);
    for (int act : {NABLA_UNARY_RELU, NABLA_UNARY_SIGMOID, NABLA_UNARY_TANH}) {
        bias_case(act, 3, 5, 40);
        bias_case(act, 64, 7, 1);
    }
    return 0;
}
