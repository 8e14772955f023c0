// Host program for EmulatedPrimitiveTest: the elementwise, cast, reduction, random-fill, general gather /
// scatter-add and GEMM kernels (those written without a GPU, and the float ones the H100 ran, as regression cover), launched through cuda_emulator.h on CounterRng inputs (see emulated_output.h),
// one output line per case:
//   BINARY_I64 op | BINARY_I64_WIDE op | UNARY_I64 op | UNARY_F32 op | BINARY_F32 op | BINARY_F64 op | WHERE_F32 0
//   DIVISION dtype-code op | CAST from to | CAST_T from to
//   REDUCE dtype-code op outer reduce inner | ARGREDUCE dtype-code op outer reduce inner
//   (dtype codes 0 float32, 1 float64, 2 int64, 3 full-range int64)
//   RANDOM dist bits | GATHER case | SCATTER_ADD case | INDEX_SELECT bits threads | INDEX_ADD bits threads
//   EW_UNARY / EW_UNARY_STRIDED / EW_BINARY / EW_BINARY_STRIDED / EW_WHERE / EW_WHERE_STRIDED dtype-code
//   GEMM M N K transA transB batch broadcastA beta capped
#include "elementwise.cu"
#include "gemm.cu"
#include "indexing.cu"
#include "random.cu"
#include "reduce.cu"
#include "emulated_output.h"

static const int N = 300;

// Full-range int64 values: CounterRng.bits(seed, i).
static std::vector<long long> bits_of(unsigned long long seed, int n) {
    std::vector<long long> v(n);
    for (int i = 0; i < n; ++i) v[i] = (long long)counter_rng_bits(seed, i);
    return v;
}

// bits_of with the int64 edges in front: the extremes, 2^53 + 1 (which double cannot hold) and +-(2^53 + 2^29 + 1),
// which a conversion to float through double would round twice, to the wrong neighbour.
static std::vector<long long> edge_bits_of(unsigned long long seed, int n) {
    std::vector<long long> v = bits_of(seed, n);
    const long long front[] = {-0x7fffffffffffffffLL - 1, 0x7fffffffffffffffLL, 0x20000000000001LL,
                               0x20000020000001LL, -0x20000020000001LL, 0, -1};
    for (int i = 0; i < 7; ++i) v[i] = front[i];
    return v;
}

static NdLayout dense_layout(int n) {
    NdLayout layout{};
    layout.rank = 1;
    layout.shape[0] = n;
    layout.stride[0][0] = layout.stride[1][0] = 1;
    return layout;
}

template <typename To, typename From>
static void cast_case(void (*kernel)(To*, const From*, NdLayout), const std::vector<From>& x, int from, int to) {
    std::vector<To> y(x.size());
    const Dim3 grid = elementwise_grid(x.size()), threads{256};
    emu::launch(grid, threads, kernel, y.data(), x.data(), dense_layout((int)x.size()));
    print("CAST", {from, to}, grid, threads, y);
}

template <typename T>
static void random_case(void (*uniform_kernel)(T*, int, unsigned long long, unsigned long long, double, double),
                        void (*normal_kernel)(T*, int, unsigned long long, unsigned long long, double, double)) {
    std::vector<T> u(N), z(N);
    const Dim3 grid = elementwise_grid(N), threads{256};
    emu::launch(grid, threads, uniform_kernel, u.data(), N, 77ULL, 1000ULL, -2.0, 5.0);
    emu::launch(grid, threads, normal_kernel, z.data(), N, 77ULL, 1000ULL, 0.5, 2.0);
    const int bits = std::is_integral<T>::value ? 0 : 8 * (int)sizeof(T);  // 0: int64
    print("RANDOM", {0, bits}, grid, threads, u);
    print("RANDOM", {1, bits}, grid, threads, z);
}

// reduce_T with SUM, MAX, MIN and argreduce_T with ARGMAX, ARGMIN over [outer, 37, inner], inner 1 (one warp per
// output) and 7 (one thread per output); a float input gets a NaN at element 37 (row 1 of the warp path).
template <typename T>
static void reduction_case(void (*reduce)(T*, const T*, int, int, int, int),
                           void (*argreduce)(int*, T*, const T*, int, int, int, int), std::vector<T> r, int dtype) {
    if (!std::is_integral<T>::value) r[37] = (T)NAN;
    const Dim3 threads{256};
    for (int inner : {1, 7}) {
        const int outer = inner == 1 ? 28 : 4, reduce_size = 37;
        const Dim3 rgrid = inner == 1 ? Dim3{ceil_div(outer, 8)} : elementwise_grid(outer * inner);
        for (int op : {NABLA_REDUCE_SUM, NABLA_REDUCE_MAX, NABLA_REDUCE_MIN}) {
            std::vector<T> out(outer * inner);
            emu::launch(rgrid, threads, reduce, out.data(), r.data(), outer, reduce_size, inner, op);
            print("REDUCE", {dtype, op, outer, reduce_size, inner}, rgrid, threads, out);
        }
        for (int op : {NABLA_ARGREDUCE_ARGMAX, NABLA_ARGREDUCE_ARGMIN}) {
            std::vector<int> index(outer * inner);
            emu::launch(rgrid, threads, argreduce, index.data(), (T*)nullptr, r.data(), outer, reduce_size, inner, op);
            print("ARGREDUCE", {dtype, op, outer, reduce_size, inner}, rgrid, threads,
                  std::vector<long long>(index.begin(), index.end()));
        }
    }
}

// FLOOR_DIVIDE and REMAINDER of every pair of special values (dense kernel, fields: dtype code, op): signed zeros,
// infinities, NaN, and quotients that overflow or vanish.
template <typename T> static void division_case(void (*binary)(T*, const T*, const T*, int, int), int code) {
    const T specials[] = {T(-7.5), T(7.5), T(-0.0), T(0.0), T(2), T(-2), T(INFINITY), T(-INFINITY), T(NAN), T(1e30),
                          T(-1e-30), T(0.3)};
    const int k = sizeof specials / sizeof specials[0], n = k * k;
    std::vector<T> a(n), b(n);
    for (int i = 0; i < n; ++i) a[i] = specials[i / k], b[i] = specials[i % k];
    for (int op : {NABLA_BINARY_FLOOR_DIVIDE, NABLA_BINARY_REMAINDER}) {
        std::vector<T> out(n);
        emu::launch(elementwise_grid(n), Dim3{256}, binary, out.data(), a.data(), b.data(), n, op);
        print("DIVISION", {code, op}, elementwise_grid(n), Dim3{256}, out);
    }
}

// An NdLayout of rank 1 or 2 for three operands (the general gather / scatter-add kernels), as GatherPlan builds it.
static NdLayout layout3(std::vector<int> shape, std::vector<int> a, std::vector<int> b, std::vector<int> c) {
    NdLayout layout{};
    layout.rank = (int)shape.size();
    for (int d = 0; d < layout.rank; ++d) {
        layout.shape[d] = shape[d];
        layout.stride[0][d] = a[d], layout.stride[1][d] = b[d], layout.stride[2][d] = c[d];
    }
    return layout;
}

// torch.gather and scatter-add over strided operands (fields: case number). The layouts are the ones GatherPlan
// gives for these views (GatherPlanTest checks that): the indexed tensor's stride along the axis is 0 in them.
static void gather_cases() {
    const Dim3 threads{256};
    // 0: cross-entropy's pick, logp [8, 10] at target[8] unsqueezed to [8, 1] along axis 1
    const std::vector<float> logp = uniform(60, 80, -5, 0);
    const std::vector<long long> target = uniform<long long>(61, 8, 0, 10);
    std::vector<float> picked(8);
    emu::launch(elementwise_grid(8), threads, gather_strided_f32, picked.data(), logp.data(), target.data(), 10, 1,
                layout3({8}, {1}, {10}, {1}));
    print("GATHER", {0}, elementwise_grid(8), threads, picked);
    // 1: x [5, 7] along axis 0 by index [3, 7] in [0, 5)
    const std::vector<float> x = uniform(62, 35, -1, 1);
    const std::vector<long long> rows = uniform<long long>(63, 21, 0, 5);
    std::vector<float> out(21);
    emu::launch(elementwise_grid(21), threads, gather_strided_f32, out.data(), x.data(), rows.data(), 5, 7,
                layout3({3, 7}, {7, 1}, {0, 1}, {7, 1}));
    print("GATHER", {1}, elementwise_grid(21), threads, out);
    // 2: x = the transpose of a dense [7, 5] (strides 1, 5) along axis 1 by index [5, 3] in [0, 7)
    const std::vector<long long> cols = uniform<long long>(64, 15, 0, 7);
    std::vector<float> outT(15);
    emu::launch(elementwise_grid(15), threads, gather_strided_f32, outT.data(), x.data(), cols.data(), 7, 5,
                layout3({5, 3}, {3, 1}, {1, 0}, {3, 1}));
    print("GATHER", {2}, elementwise_grid(15), threads, outT);
    // 3: case 1 on int64 values beyond 2^53
    const std::vector<long long> big = bits_of(65, 35);
    std::vector<long long> outBig(21);
    emu::launch(elementwise_grid(21), threads, gather_strided_i64, outBig.data(), big.data(), rows.data(), 5, 7,
                layout3({3, 7}, {7, 1}, {0, 1}, {7, 1}));
    print("GATHER", {3}, elementwise_grid(21), threads, outBig);
    // 6: case 1 in float64
    const std::vector<double> x64 = uniform<double>(62, 35, -1, 1);
    std::vector<double> out64(21);
    emu::launch(elementwise_grid(21), threads, gather_strided_f64, out64.data(), x64.data(), rows.data(), 5, 7,
                layout3({3, 7}, {7, 1}, {0, 1}, {7, 1}));
    print("GATHER", {6}, elementwise_grid(21), threads, out64);
    // 4 and 5: dst [5, 7] (zeros) += src [6, 7] along axis 0 by index [6, 7] in [0, 5): repeated rows accumulate
    const std::vector<long long> into = uniform<long long>(66, 42, 0, 5);
    const std::vector<float> src = uniform(67, 42, -1, 1);
    std::vector<float> dst(35);
    emu::launch(elementwise_grid(42), threads, scatter_add_strided_f32, dst.data(), src.data(), into.data(), 5, 7,
                layout3({6, 7}, {0, 1}, {7, 1}, {7, 1}));
    print("SCATTER_ADD", {4}, elementwise_grid(42), threads, dst);
    const std::vector<double> src64 = uniform<double>(67, 42, -1, 1);
    std::vector<double> dst64(35);
    emu::launch(elementwise_grid(42), threads, scatter_add_strided_f64, dst64.data(), src64.data(), into.data(), 5, 7,
                layout3({6, 7}, {0, 1}, {7, 1}, {7, 1}));
    print("SCATTER_ADD", {5}, elementwise_grid(42), threads, dst64);
    // 7: the same in int64 on full-range values, into a dst that starts from values of its own: the sums wrap
    const std::vector<long long> src_i64 = edge_bits_of(67, 42);
    std::vector<long long> dst_i64 = edge_bits_of(69, 35);
    emu::launch(elementwise_grid(42), threads, scatter_add_strided_i64, dst_i64.data(), src_i64.data(), into.data(), 5,
                7, layout3({6, 7}, {0, 1}, {7, 1}, {7, 1}));
    print("SCATTER_ADD", {7}, elementwise_grid(42), threads, dst_i64);
}

// The six elementwise entry points of one dtype, each once (code: 0 f32, 1 f64, 2 i64): dense unary NEG on a
// (seed 74), the strided unary COPY reading a [4, 5] transposed, dense binary MUL of a and b (seed 75), the strided
// binary SUB of a [4, 1, 5] and b [1, 3, 5] broadcast to [4, 3, 5], and where(a > 0, a, b) dense and broadcast.
// Floats on [-3, 3), int64 on [-50, 50).
template <typename T>
static void elementwise_family_case(void (*unary)(T*, const T*, int, int),
                                    void (*unary_strided)(T*, const T*, int, NdLayout),
                                    void (*binary)(T*, const T*, const T*, int, int),
                                    void (*binary_strided)(T*, const T*, const T*, int, NdLayout),
                                    void (*where)(T*, const T*, const T*, const T*, int),
                                    void (*where_strided)(T*, const T*, const T*, const T*, NdLayout), int code) {
    const double low = code == 2 ? -50 : -3, high = code == 2 ? 50 : 3;
    const std::vector<T> a = uniform<T>(74, 20, low, high), b = uniform<T>(75, 20, low, high);
    std::vector<T> cond(20);
    for (int i = 0; i < 20; ++i) cond[i] = a[i] > 0 ? T(1) : T(0);
    const Dim3 threads{256}, dense = elementwise_grid(20), broadcast = elementwise_grid(60);
    std::vector<T> y(20), wide(60);
    emu::launch(dense, threads, unary, y.data(), a.data(), 20, NABLA_UNARY_NEG);
    print("EW_UNARY", {code}, dense, threads, y);
    NdLayout transposed{};  // y dense [5, 4] = a [4, 5] read with strides (1, 5)
    transposed.rank = 2;
    transposed.shape[0] = 5, transposed.shape[1] = 4;
    transposed.stride[0][0] = 4, transposed.stride[0][1] = 1;
    transposed.stride[1][0] = 1, transposed.stride[1][1] = 5;
    emu::launch(dense, threads, unary_strided, y.data(), a.data(), NABLA_UNARY_COPY, transposed);
    print("EW_UNARY_STRIDED", {code}, dense, threads, y);
    emu::launch(dense, threads, binary, y.data(), a.data(), b.data(), 20, NABLA_BINARY_MUL);
    print("EW_BINARY", {code}, dense, threads, y);
    NdLayout layout{};  // out [4, 3, 5], a [4, 1, 5], b [1, 3, 5] (its first 15 values)
    layout.rank = 3;
    const int shape[3] = {4, 3, 5}, out[3] = {15, 5, 1}, sa[3] = {5, 0, 1}, sb[3] = {0, 5, 1};
    for (int d = 0; d < 3; ++d) {
        layout.shape[d] = shape[d];
        layout.stride[0][d] = out[d], layout.stride[1][d] = sa[d], layout.stride[2][d] = sb[d];
    }
    emu::launch(broadcast, threads, binary_strided, wide.data(), a.data(), b.data(), NABLA_BINARY_SUB, layout);
    print("EW_BINARY_STRIDED", {code}, broadcast, threads, wide);
    emu::launch(dense, threads, where, y.data(), cond.data(), a.data(), b.data(), 20);
    print("EW_WHERE", {code}, dense, threads, y);
    NdLayout chosen = layout;  // where(cond [4, 1, 5], a [4, 1, 5], b [1, 3, 5])
    for (int d = 0; d < 3; ++d) chosen.stride[1][d] = sa[d], chosen.stride[2][d] = sa[d], chosen.stride[3][d] = sb[d];
    emu::launch(broadcast, threads, where_strided, wide.data(), cond.data(), a.data(), b.data(), chosen);
    print("EW_WHERE_STRIDED", {code}, broadcast, threads, wide);
}

// index_select and index_add (embedding lookup and its gradient, indexSelect) in T: x [3, 7, 5] (seed 72,
// [-1, 1)) at the int32 indices 6, 0, 6, 3, 6, 1 along the middle axis, and dst [3, 7, 5] (zeros) += src [3, 6, 5]
// (seed 73, [-1, 1)) at the same indices; index 6 repeats, so three values meet there. threads = 0 launches
// LaunchGeometry.elementwise's grid, else one block of that many threads, which must stride.
template <typename T>
static void index_case(void (*select)(T*, const T*, const int*, int, int, int, int),
                       void (*add)(T*, const T*, const int*, int, int, int, int), unsigned threads) {
    const int outer = 3, axis = 7, count = 6, inner = 5, bits = 8 * sizeof(T);
    const std::vector<int> index{6, 0, 6, 3, 6, 1};
    const std::vector<T> x = uniform<T>(72, outer * axis * inner, -1, 1),
                         src = uniform<T>(73, outer * count * inner, -1, 1);
    std::vector<T> picked(outer * count * inner), dst(outer * axis * inner);
    const Dim3 block{threads == 0 ? 256u : threads};
    const Dim3 grid = threads == 0 ? elementwise_grid(outer * count * inner) : Dim3{1};
    emu::launch(grid, block, select, picked.data(), x.data(), index.data(), outer, axis, count, inner);
    print("INDEX_SELECT", {bits, (int)threads}, grid, block, picked);
    emu::launch(grid, block, add, dst.data(), src.data(), index.data(), outer, axis, count, inner);
    print("INDEX_ADD", {bits, (int)threads}, grid, block, dst);
}

// The PTX GEMM fallback (no cuBLAS): C[b] = alpha op(A[b]) op(B[b]) + beta C[b] on A (seed 80), B (81) and C (82),
// each on [-1, 1) and densely stored (A as [K, M] when transposed, B as [N, K]); alpha 2, beta 0 or 0.5; A shared by
// every batch (stride 0) when broadcastA; a single block striding over everything when capped.
template <typename T>
static void gemm_case(void (*kernel)(T*, const T*, const T*, int, int, int, int, int, int, int, int, T, T, int, int, int,
                                     int),
                      int M, int N, int K, int transA, int transB, int batch, int broadcastA, int halfBeta, int capped) {
    const std::vector<T> a = uniform<T>(80, (broadcastA ? 1 : batch) * M * K, -1, 1),
                         b = uniform<T>(81, batch * K * N, -1, 1);
    std::vector<T> c = uniform<T>(82, batch * M * N, -1, 1);
    const Dim3 grid = capped ? Dim3{1, 1, 1} : Dim3{ceil_div(N, 64), ceil_div(M, 64), (unsigned)batch}, threads{256};
    emu::launch(grid, threads, kernel, c.data(), a.data(), b.data(), M, N, K, transA, transB, transA ? M : K,
                transB ? K : N, N, T(2), T(halfBeta ? 0.5 : 0), batch, broadcastA ? 0 : M * K, K * N, M * N);
    print("GEMM", {M, N, K, transA, transB, batch, broadcastA, halfBeta, capped, 8 * (int)sizeof(T)}, grid, threads, c);
}

#define ELEMENTWISE_KERNELS_OF(S) \
    ew_unary_##S, ew_unary_strided_##S, ew_binary_##S, ew_binary_strided_##S, ew_where_##S, ew_where_strided_##S

int main() {
    const Dim3 threads{256}, grid = elementwise_grid(N);
    // int64 binary ops on small integers, including division by zero and negative powers
    const std::vector<long long> a = uniform<long long>(50, N, -50, 50), b = uniform<long long>(51, N, -6, 6);
    for (int op = NABLA_BINARY_ADD; op <= NABLA_BINARY_REMAINDER; ++op) {
        std::vector<long long> out(N);
        emu::launch(grid, threads, ew_binary_i64, out.data(), a.data(), b.data(), N, op);
        print("BINARY_I64", {op}, grid, threads, out);
    }
    // ... and on full-range values (edge_bits_of(90)) against divisors and exponents of every magnitude: element i of
    // edge_bits_of(91) shifted right by i % 64, with LLONG_MIN / -1 at element 0
    {
        const std::vector<long long> wide = edge_bits_of(90, N);
        std::vector<long long> divisors = edge_bits_of(91, N);
        for (int i = 0; i < N; ++i) divisors[i] >>= i % 64;
        divisors[0] = -1;
        for (int op = NABLA_BINARY_ADD; op <= NABLA_BINARY_REMAINDER; ++op) {
            std::vector<long long> out(N);
            emu::launch(grid, threads, ew_binary_i64, out.data(), wide.data(), divisors.data(), N, op);
            print("BINARY_I64_WIDE", {op}, grid, threads, out);
        }
    }
    // the int64 unary ops the backend launches, on full-range values
    const std::vector<long long> big = edge_bits_of(52, N);
    for (int op : {NABLA_UNARY_NEG, NABLA_UNARY_ABS, NABLA_UNARY_SIGN, NABLA_UNARY_RELU, NABLA_UNARY_COPY,
                   NABLA_UNARY_FLOOR, NABLA_UNARY_NONFINITE}) {
        std::vector<long long> out(N);
        emu::launch(grid, threads, ew_unary_i64, out.data(), big.data(), N, op);
        print("UNARY_I64", {op}, grid, threads, out);
    }
    // every float unary op the backend launches, with infinities and NaN in front
    std::vector<float> x = uniform(53, N, -3, 3);
    x[0] = INFINITY;
    x[1] = -INFINITY;
    x[2] = NAN;
    for (int op : {NABLA_UNARY_NEG, NABLA_UNARY_EXP, NABLA_UNARY_LOG, NABLA_UNARY_SQRT, NABLA_UNARY_ABS, NABLA_UNARY_SIGN,
                   NABLA_UNARY_SIGMOID, NABLA_UNARY_TANH, NABLA_UNARY_RELU, NABLA_UNARY_SIN, NABLA_UNARY_COS,
                   NABLA_UNARY_ERF, NABLA_UNARY_FLOOR, NABLA_UNARY_NONFINITE, NABLA_UNARY_LOG1P, NABLA_UNARY_EXPM1}) {
        std::vector<float> out(N);
        emu::launch(grid, threads, ew_unary_f32, out.data(), x.data(), N, op);
        print("UNARY_F32", {op}, grid, threads, out);
    }
    // every float binary op and where over broadcast strided layouts: a [4, 1, 5], b [1, 3, 5], out [4, 3, 5]
    {
        const std::vector<float> a = uniform(58, 20, -3, 3), b = uniform(59, 15, -3, 3);
        NdLayout layout{};
        layout.rank = 3;
        const int shape[3] = {4, 3, 5}, out[3] = {15, 5, 1}, sa[3] = {5, 0, 1}, sb[3] = {0, 5, 1};
        for (int d = 0; d < 3; ++d) {
            layout.shape[d] = shape[d];
            layout.stride[0][d] = out[d], layout.stride[1][d] = sa[d], layout.stride[2][d] = sb[d];
        }
        const std::vector<double> a64 = uniform<double>(58, 20, -3, 3), b64 = uniform<double>(59, 15, -3, 3);
        for (int op = NABLA_BINARY_ADD; op <= NABLA_BINARY_REMAINDER; ++op) {
            std::vector<float> y(60);
            emu::launch(elementwise_grid(60), threads, ew_binary_strided_f32, y.data(), a.data(), b.data(), op, layout);
            print("BINARY_F32", {op}, elementwise_grid(60), threads, y);
            std::vector<double> y64(60);
            emu::launch(elementwise_grid(60), threads, ew_binary_strided_f64, y64.data(), a64.data(), b64.data(), op,
                        layout);
            print("BINARY_F64", {op}, elementwise_grid(60), threads, y64);
        }
        // where(cond [4, 1, 5] = a > 0, b [1, 3, 5], a [4, 1, 5])
        std::vector<float> cond(20), y(60);
        for (int i = 0; i < 20; ++i) cond[i] = a[i] > 0 ? 1.f : 0.f;
        layout.stride[3][0] = 5, layout.stride[3][1] = 0, layout.stride[3][2] = 1;
        NdLayout where = layout;
        where.stride[1][0] = 5, where.stride[1][1] = 0, where.stride[1][2] = 1;  // cond
        where.stride[2][0] = 0, where.stride[2][1] = 5, where.stride[2][2] = 1;  // b
        emu::launch(elementwise_grid(60), threads, ew_where_strided_f32, y.data(), cond.data(), b.data(), a.data(), where);
        print("WHERE_F32", {0}, elementwise_grid(60), threads, y);
    }
    // reductions and arg-reductions on both paths in every dtype: float inputs hold a NaN in row 1 (it wins MAX, MIN
    // and both arg forms), int64 inputs take 9 values, so arg-reductions meet ties everywhere
    reduction_case(reduce_f32, argreduce_f32, uniform<float>(68, 4 * 37 * 7, -5, 5), 0);
    reduction_case(reduce_f64, argreduce_f64, uniform<double>(68, 4 * 37 * 7, -5, 5), 1);
    reduction_case(reduce_i64, argreduce_i64, uniform<long long>(57, 4 * 37 * 7, -4, 5), 2);
    reduction_case(reduce_i64, argreduce_i64, edge_bits_of(70, 4 * 37 * 7), 3);  // sums wrap
    division_case<float>(ew_binary_f32, 0);
    division_case<double>(ew_binary_f64, 1);
    // casts (dtype codes 0 float32, 1 float64, 2 int64), sources with values beyond 2^53 and +-2^63
    std::vector<double> wide = uniform<double>(55, N, -2e19, 2e19);
    std::vector<float> wideFloat = uniform<float>(56, N, -2e19, 2e19);
    wide[0] = NAN, wide[1] = INFINITY, wide[2] = -INFINITY;  // Java's (long): 0, Long.MAX_VALUE, Long.MIN_VALUE
    wideFloat[0] = NAN, wideFloat[1] = INFINITY, wideFloat[2] = -INFINITY;
    cast_case(ew_cast_strided_i64_to_f32, big, 2, 0);
    cast_case(ew_cast_strided_i64_to_f64, big, 2, 1);
    cast_case(ew_cast_strided_f64_to_i64, wide, 1, 2);
    cast_case(ew_cast_strided_f32_to_i64, wideFloat, 0, 2);
    cast_case(ew_cast_strided_f64_to_f32, wide, 1, 0);
    cast_case(ew_cast_strided_f32_to_f64, wideFloat, 0, 1);
    {  // a transposed read: y[i][j] = x[j][i] for a [15, 20] x
        NdLayout layout{};
        layout.rank = 2;
        layout.shape[0] = 20;
        layout.shape[1] = 15;
        layout.stride[0][0] = 15, layout.stride[0][1] = 1;  // y, dense [20, 15]
        layout.stride[1][0] = 1, layout.stride[1][1] = 20;  // x, dense [15, 20] read transposed
        std::vector<float> y(N);
        emu::launch(grid, threads, ew_cast_strided_i64_to_f32, y.data(), big.data(), layout);
        print("CAST_T", {2, 0}, grid, threads, y);
    }
    random_case(random_uniform_f32, random_normal_f32);
    random_case(random_uniform_f64, random_normal_f64);
    random_case(random_uniform_i64, random_normal_i64);
    gather_cases();
    elementwise_family_case(ELEMENTWISE_KERNELS_OF(f32), 0);
    elementwise_family_case(ELEMENTWISE_KERNELS_OF(f64), 1);
    elementwise_family_case(ELEMENTWISE_KERNELS_OF(i64), 2);
    index_case(index_select_f32, index_add_f32, 0);
    index_case(index_select_f64, index_add_f64, 0);
    index_case(index_select_f32, index_add_f32, 32);
    gemm_case(gemm_f32, 70, 37, 20, 0, 0, 2, 0, 0, 0);
    gemm_case(gemm_f32, 70, 37, 20, 0, 0, 2, 0, 0, 1);
    gemm_case(gemm_f32, 33, 65, 17, 1, 1, 1, 0, 0, 0);
    gemm_case(gemm_f32, 20, 9, 70, 1, 0, 3, 1, 1, 0);
    gemm_case(gemm_f64, 65, 66, 33, 0, 1, 2, 0, 1, 0);
    return 0;
}
