// Host program for EmulatedPrimitiveTest: the elementwise, cast, reduction and random-fill kernels that serve
// int64 and the newest unary ops, launched through cuda_emulator.h on CounterRng inputs (see emulated_output.h),
// one output line per case:
//   BINARY_I64 op | UNARY_I64 op | UNARY_F32 op | CAST from to | CAST_T from to | REDUCE_I64 op outer reduce inner
//   RANDOM dist bits
#include "elementwise.cu"
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

int main() {
    const Dim3 threads{256}, grid = elementwise_grid(N);
    // int64 binary ops on small integers, including division by zero and negative powers
    const std::vector<long long> a = uniform<long long>(50, N, -50, 50), b = uniform<long long>(51, N, -6, 6);
    for (int op = NABLA_BINARY_ADD; op <= NABLA_BINARY_GE; ++op) {
        std::vector<long long> out(N);
        emu::launch(grid, threads, ew_binary_i64, out.data(), a.data(), b.data(), N, op);
        print("BINARY_I64", {op}, grid, threads, out);
    }
    // the int64 unary ops the backend launches (all exact in double), on full-range values
    const std::vector<long long> big = bits_of(52, N);
    for (int op : {NABLA_UNARY_NEG, NABLA_UNARY_ABS, NABLA_UNARY_SIGN, NABLA_UNARY_RELU, NABLA_UNARY_COPY,
                   NABLA_UNARY_FLOOR, NABLA_UNARY_NONFINITE}) {
        std::vector<long long> out(N);
        emu::launch(grid, threads, ew_unary_i64, out.data(), big.data(), N, op);
        print("UNARY_I64", {op}, grid, threads, out);
    }
    // the float unary ops added without a GPU, with infinities and NaN in front
    std::vector<float> x = uniform(53, N, -3, 3);
    x[0] = INFINITY;
    x[1] = -INFINITY;
    x[2] = NAN;
    for (int op : {NABLA_UNARY_ERF, NABLA_UNARY_FLOOR, NABLA_UNARY_NONFINITE}) {
        std::vector<float> out(N);
        emu::launch(grid, threads, ew_unary_f32, out.data(), x.data(), N, op);
        print("UNARY_F32", {op}, grid, threads, out);
    }
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
    // int64 reductions: one warp per output (inner 1) and one thread per output
    const std::vector<long long> r = uniform<long long>(57, 4 * 37 * 7, -1000, 1000);
    for (int op : {NABLA_REDUCE_SUM, NABLA_REDUCE_MAX, NABLA_REDUCE_MIN}) {
        for (int inner : {1, 7}) {
            const int outer = inner == 1 ? 28 : 4, reduce = 37;
            std::vector<long long> out(outer * inner);
            const Dim3 rgrid = inner == 1 ? Dim3{ceil_div(outer, 8)} : elementwise_grid(outer * inner);
            emu::launch(rgrid, threads, reduce_i64, out.data(), r.data(), outer, reduce, inner, op);
            print("REDUCE_I64", {op, outer, reduce, inner}, rgrid, threads, out);
        }
    }
    random_case(random_uniform_f32, random_normal_f32);
    random_case(random_uniform_f64, random_normal_f64);
    random_case(random_uniform_i64, random_normal_i64);
    return 0;
}
