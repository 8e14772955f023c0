// Shared definitions for every Nabla kernel module: launch constants, the strided-layout struct,
// grid-stride loops, NaN-aware comparisons and warp/block all-reduce helpers.
// Every constant here that a launcher must know is mirrored in dev.nabla.kernels.LaunchGeometry
// (a unit test compares the two).
#pragma once

#define NABLA_MAX_DIMS 8
#define NABLA_MAX_OPERANDS 4
#define NABLA_WARP_SIZE 32
#define NABLA_FULL_MASK 0xffffffffu

// Strided view of up to NABLA_MAX_OPERANDS operands sharing one logical (output) shape.
// Row-major: dimension rank-1 varies fastest. Strides are in elements; 0 means broadcast.
// stride[0] belongs to the output, stride[1..] to the inputs in signature order.
struct NdLayout {
    int rank;
    int shape[NABLA_MAX_DIMS];
    int stride[NABLA_MAX_OPERANDS][NABLA_MAX_DIMS];
};

// Grid-stride loop: correct for any grid size, so launchers may cap the grid.
#define NABLA_GRID_STRIDE(i, n)                                                      \
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < (long long)(n); \
         i += (long long)blockDim.x * gridDim.x)

// Global warp index and warp count, for warp-per-row kernels (blockDim.x must be a multiple of 32).
__device__ __forceinline__ long long nabla_global_warp() {
    return ((long long)blockIdx.x * blockDim.x + threadIdx.x) / NABLA_WARP_SIZE;
}
__device__ __forceinline__ long long nabla_warp_count() {
    return ((long long)blockDim.x * gridDim.x) / NABLA_WARP_SIZE;
}
__device__ __forceinline__ int nabla_lane() { return threadIdx.x & (NABLA_WARP_SIZE - 1); }

__device__ __forceinline__ long long nabla_layout_numel(const NdLayout& layout) {
    long long n = 1;
    for (int d = 0; d < layout.rank; ++d) n *= layout.shape[d];
    return n;
}

// Element offsets of `operands` operands for the logical row-major index `linear`.
__device__ __forceinline__ void nabla_layout_offsets(const NdLayout& layout, long long linear, int operands,
                                                     long long* offsets) {
    for (int op = 0; op < operands; ++op) offsets[op] = 0;
    // Fully unrolled over the fixed maximum so the struct is indexed statically (no local-memory copy).
#pragma unroll
    for (int d = NABLA_MAX_DIMS - 1; d >= 0; --d) {
        if (d >= layout.rank) continue;
        int extent = layout.shape[d];
        long long coord = linear % extent;
        linear /= extent;
        for (int op = 0; op < operands; ++op) offsets[op] += coord * layout.stride[op][d];
    }
}

template <typename T> __host__ __device__ __forceinline__ bool nabla_isnan(T x) { return x != x; }

// a * b, a + b and a - b rounded once to nearest: on the device through the _rn intrinsics, which nvcc never
// contracts into an FMA (Java never does, and composed ops round after each operation); on the host, where a
// test runs these functions, x86-64 without -mfma has no FMA to contract into.
#ifdef __CUDA_ARCH__
__device__ __forceinline__ float nabla_mul_rn(float a, float b) { return __fmul_rn(a, b); }
__device__ __forceinline__ double nabla_mul_rn(double a, double b) { return __dmul_rn(a, b); }
__device__ __forceinline__ float nabla_add_rn(float a, float b) { return __fadd_rn(a, b); }
__device__ __forceinline__ double nabla_add_rn(double a, double b) { return __dadd_rn(a, b); }
__device__ __forceinline__ float nabla_sub_rn(float a, float b) { return __fsub_rn(a, b); }
__device__ __forceinline__ double nabla_sub_rn(double a, double b) { return __dsub_rn(a, b); }
#else
template <typename T> __forceinline__ T nabla_mul_rn(T a, T b) { return a * b; }
template <typename T> __forceinline__ T nabla_add_rn(T a, T b) { return a + b; }
template <typename T> __forceinline__ T nabla_sub_rn(T a, T b) { return a - b; }
#endif

// The activations that kernels fuse with other work (unary op codes RELU, SIGMOID, TANH) and the elementwise
// kernels' own ops, one definition so that a fused kernel equals the composed ops bit for bit.
template <typename T> __host__ __device__ __forceinline__ T nabla_relu(T x) { return x > T(0) ? x : (nabla_isnan(x) ? x : T(0)); }
template <typename T> __host__ __device__ __forceinline__ T nabla_sigmoid(T x) {
    // Two branches so that exp never overflows.
    if (x >= T(0)) return T(1) / (T(1) + exp(-x));
    const T e = exp(x);
    return e / (T(1) + e);
}

// max/min that propagate NaN (PyTorch semantics), unlike fmax/fmin.
template <typename T> __device__ __forceinline__ T nabla_max(T a, T b) { return (a > b || nabla_isnan(a)) ? a : b; }
template <typename T> __device__ __forceinline__ T nabla_min(T a, T b) { return (a < b || nabla_isnan(a)) ? a : b; }

template <typename T> __device__ __forceinline__ T nabla_neg_infinity();
template <> __device__ __forceinline__ float nabla_neg_infinity<float>() { return __int_as_float(0xff800000); }
template <> __device__ __forceinline__ double nabla_neg_infinity<double>() { return __longlong_as_double(0xfff0000000000000ULL); }
template <typename T> __device__ __forceinline__ T nabla_nan();
template <> __device__ __forceinline__ float nabla_nan<float>() { return __int_as_float(0x7fffffff); }
template <> __device__ __forceinline__ double nabla_nan<double>() { return __longlong_as_double(0x7fffffffffffffffULL); }

// Sum of v over the 32 lanes, returned to every lane.
template <typename T> __device__ __forceinline__ T nabla_warp_sum(T v) {
    for (int o = NABLA_WARP_SIZE / 2; o > 0; o >>= 1) v += __shfl_xor_sync(NABLA_FULL_MASK, v, o);
    return v;
}

// All-reduce over the whole block of a value type V with an associative `combine(V, V)` and
// `shfl(V, laneMask)` exchanging V across lanes. `scratch` is a __shared__ V[32].
// Every thread of the block must call it; every thread gets the result.
template <typename V, typename Combine, typename Shfl>
__device__ __forceinline__ V nabla_block_all_reduce(V v, V identity, V* scratch, Combine combine, Shfl shfl) {
    for (int o = NABLA_WARP_SIZE / 2; o > 0; o >>= 1) v = combine(v, shfl(v, o));
    const int lane = nabla_lane();
    const int warp = threadIdx.x / NABLA_WARP_SIZE;
    const int warps = (blockDim.x + NABLA_WARP_SIZE - 1) / NABLA_WARP_SIZE;
    __syncthreads();  // a previous call may still be reading scratch
    if (lane == 0) scratch[warp] = v;
    __syncthreads();
    v = lane < warps ? scratch[lane] : identity;
    for (int o = NABLA_WARP_SIZE / 2; o > 0; o >>= 1) v = combine(v, shfl(v, o));
    return v;
}

template <typename T> __device__ __forceinline__ T nabla_block_sum(T v, T* scratch) {
    return nabla_block_all_reduce(
        v, T(0), scratch, [](T a, T b) { return a + b; },
        [](T x, int o) { return __shfl_xor_sync(NABLA_FULL_MASK, x, o); });
}

// Running (max, sum of exp(x - max)) pair for one-pass ("online") softmax statistics.
template <typename T> struct NablaMaxSum {
    T max;
    T sum;
};

template <typename T> __device__ __forceinline__ NablaMaxSum<T> nabla_max_sum_combine(NablaMaxSum<T> a, NablaMaxSum<T> b) {
    T m = nabla_max(a.max, b.max);
    if (m == nabla_neg_infinity<T>()) return {m, T(0)};  // both empty: avoid inf - inf
    return {m, a.sum * exp(a.max - m) + b.sum * exp(b.max - m)};
}

// Online softmax statistics of one row, computed by the whole block in one read of the row.
template <typename T> __device__ NablaMaxSum<T> nabla_block_row_max_sum(const T* row, int cols, NablaMaxSum<T>* scratch) {
    NablaMaxSum<T> acc{nabla_neg_infinity<T>(), T(0)};
    for (int c = threadIdx.x; c < cols; c += blockDim.x) acc = nabla_max_sum_combine(acc, NablaMaxSum<T>{row[c], T(1)});
    return nabla_block_all_reduce(
        acc, NablaMaxSum<T>{nabla_neg_infinity<T>(), T(0)}, scratch,
        [](NablaMaxSum<T> a, NablaMaxSum<T> b) { return nabla_max_sum_combine(a, b); },
        [](NablaMaxSum<T> x, int o) {
            return NablaMaxSum<T>{__shfl_xor_sync(NABLA_FULL_MASK, x.max, o), __shfl_xor_sync(NABLA_FULL_MASK, x.sum, o)};
        });
}

// Instantiates a per-type kernel macro M(T, SUFFIX) for float (f32) and double (f64).
#define NABLA_FOR_FLOAT_TYPES(M) M(float, f32) M(double, f64)
// ... and for int64 (i64) as well, for the kernels that serve every dtype (elementwise, reductions, random).
#define NABLA_FOR_ALL_TYPES(M) NABLA_FOR_FLOAT_TYPES(M) M(long long, i64)

// Java's (long) conversion of a double, which the CPU backend applies when it stores an INT64 result:
// truncation toward zero, NaN to 0, saturation at the int64 range. Spelled out because a C cast is
// undefined out of range on the host, where a test checks this function against Java.
__host__ __device__ __forceinline__ long long nabla_double_to_long(double x) {
    if (x != x) return 0;
    if (x >= 9223372036854775808.0) return 0x7fffffffffffffffLL;
    if (x <= -9223372036854775808.0) return -0x7fffffffffffffffLL - 1;
    return (long long)x;
}

// Exact int64 arithmetic, as the CPU backend's LongMath computes it. +, - and * wrap in two's complement, as
// PyTorch's int64 does; they run in unsigned arithmetic, where wrapping is defined (signed overflow is not).
__host__ __device__ __forceinline__ long long nabla_wrap_add(long long a, long long b) {
    return (long long)((unsigned long long)a + (unsigned long long)b);
}
__host__ __device__ __forceinline__ long long nabla_wrap_sub(long long a, long long b) {
    return (long long)((unsigned long long)a - (unsigned long long)b);
}
__host__ __device__ __forceinline__ long long nabla_wrap_mul(long long a, long long b) {
    return (long long)((unsigned long long)a * (unsigned long long)b);
}
__host__ __device__ __forceinline__ long long nabla_wrap_neg(long long a) { return nabla_wrap_sub(0, a); }

// Integer quotients and remainders. A zero divisor gives 0 (core raises before launching; a kernel cannot), and
// LLONG_MIN / -1 wraps to LLONG_MIN with remainder 0, as Java's Math.floorDiv: the hardware division would trap on
// the host and is undefined on the device, so -1 never reaches it.
__host__ __device__ __forceinline__ long long nabla_long_divide(long long a, long long b) {  // toward zero
    return b == 0 ? 0 : (b == -1 ? nabla_wrap_neg(a) : a / b);
}
__host__ __device__ __forceinline__ long long nabla_long_floor_divide(long long a, long long b) {
    if (b == 0 || b == -1) return nabla_long_divide(a, b);
    const long long q = a / b;
    return a % b != 0 && (a < 0) != (b < 0) ? q - 1 : q;
}
__host__ __device__ __forceinline__ long long nabla_long_remainder(long long a, long long b) {  // divisor's sign
    if (b == 0 || b == -1) return 0;
    const long long r = a % b;
    return r != 0 && (r < 0) != (b < 0) ? r + b : r;
}

// base^exponent by binary powering, wrapping like repeated multiplication; a negative exponent gives 1 for base 1,
// +-1 for base -1 and 0 otherwise (PyTorch's rule for tensor exponents).
__host__ __device__ __forceinline__ long long nabla_long_pow(long long base, long long exponent) {
    if (exponent < 0) return base == 1 ? 1 : (base == -1 ? ((exponent & 1) == 0 ? 1 : -1) : 0);
    unsigned long long result = 1, b = (unsigned long long)base;
    for (unsigned long long e = (unsigned long long)exponent; e != 0; e >>= 1, b *= b)
        if (e & 1) result *= b;
    return (long long)result;
}

// The type a storage type computes the functions with no integer form in (exp, log, ...): int64 values are widened
// to double and narrowed back with nabla_double_to_long, as the CPU backend computes those. Integer arithmetic
// itself is exact (above).
template <typename T> struct NablaCompute { typedef T type; };
template <> struct NablaCompute<long long> { typedef double type; };

// A computed value stored as T (the identity for float and double).
template <typename T> __host__ __device__ __forceinline__ T nabla_narrow(typename NablaCompute<T>::type v) { return v; }
template <> __host__ __device__ __forceinline__ long long nabla_narrow<long long>(double v) { return nabla_double_to_long(v); }

// x of type From stored as To, through double as the CPU backend converts float32, float64 and int64 into each
// other: exact widenings, and Java's (float) and (long) narrowings.
template <typename To, typename From> __host__ __device__ __forceinline__ To nabla_convert(From x) {
    return nabla_narrow<To>((typename NablaCompute<To>::type)(double)x);
}
// int64 -> float32 rounds once, as Java's (float) long and PyTorch do: through double it would round twice (to 53
// bits, then to 24), and 2^53 + 2^29 + 1 would end at 2^53 instead of 2^53 + 2^30.
template <> __host__ __device__ __forceinline__ float nabla_convert<float, long long>(long long x) { return (float)x; }

// Block-per-row loop: every thread of a block visits the same rows, so block-wide
// synchronisation inside the body is safe. blockDim.x must be a multiple of 32 (at most 1024).
#define NABLA_BLOCK_PER_ROW(row, rows) for (long long row = blockIdx.x; row < (long long)(rows); row += gridDim.x)
