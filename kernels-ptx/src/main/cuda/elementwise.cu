// Elementwise unary, binary and ternary (where) kernels over contiguous or strided/broadcast operands,
// plus the casts between float, double and int64. Unknown op codes produce NaN (0 for int64).
// Int64 operands compute exactly in 64-bit integers, as the CPU backend's LongMath does (sums, products and powers
// wrap); only the unary functions with no integer form (exp, log, ...) compute in double and are narrowed back as
// Java's (long) does (NablaCompute).
#include "nabla_common.cuh"
#include "nabla_ops.cuh"

template <typename T> __device__ __forceinline__ T unary_apply(int op, T x) {
    switch (op) {
        case NABLA_UNARY_NEG: return -x;
        case NABLA_UNARY_EXP: return exp(x);
        case NABLA_UNARY_LOG: return log(x);
        case NABLA_UNARY_SQRT: return sqrt(x);
        case NABLA_UNARY_ABS: return fabs(x);
        case NABLA_UNARY_SIGN: return x > T(0) ? T(1) : (x < T(0) ? T(-1) : x);  // keeps 0, -0 and NaN
        case NABLA_UNARY_SIGMOID: return nabla_sigmoid(x);
        case NABLA_UNARY_TANH: return tanh(x);
        case NABLA_UNARY_RELU: return nabla_relu(x);
        case NABLA_UNARY_RECIPROCAL: return T(1) / x;
        case NABLA_UNARY_SQUARE: return x * x;
        case NABLA_UNARY_SIN: return sin(x);
        case NABLA_UNARY_COS: return cos(x);
        case NABLA_UNARY_COPY: return x;
        case NABLA_UNARY_ERF: return erf(x);
        case NABLA_UNARY_FLOOR: return floor(x);
        case NABLA_UNARY_NONFINITE: return isfinite(x) ? T(0) : T(1);
        case NABLA_UNARY_LOG1P: return log1p(x);
        case NABLA_UNARY_EXPM1: return expm1(x);
        default: return nabla_nan<T>();
    }
}

// floor(a / b) and the remainder with the divisor's sign for floats, as PyTorch computes them (c10's
// div_floor_floating, and fmod moved to the divisor's sign) in the operands' own precision, like the CPU backend's
// FloorDivision. A zero divisor gives IEEE a / b and NaN.
template <typename T> __device__ __forceinline__ T nabla_floor_divide(T a, T b) {
    if (b == T(0)) return a / b;
    const T mod = fmod(a, b);
    T div = (a - mod) / b;
    if (mod != T(0) && (b < T(0)) != (mod < T(0))) div -= T(1);
    if (div == T(0)) return copysign(T(0), a / b);
    const T floored = floor(div);  // (a - mod) / b is whole up to one rounding: take the nearest whole number
    return div - floored > T(0.5) ? floored + T(1) : floored;
}

template <typename T> __device__ __forceinline__ T nabla_remainder(T a, T b) {
    const T mod = fmod(a, b);
    return mod != T(0) && (b < T(0)) != (mod < T(0)) ? mod + b : mod;
}

template <typename T> __device__ __forceinline__ T binary_apply(int op, T a, T b) {
    switch (op) {
        case NABLA_BINARY_ADD: return a + b;
        case NABLA_BINARY_SUB: return a - b;
        case NABLA_BINARY_MUL: return a * b;
        case NABLA_BINARY_DIV: return a / b;
        case NABLA_BINARY_POW: return pow(a, b);
        case NABLA_BINARY_MAX: return nabla_max(a, b);
        case NABLA_BINARY_MIN: return nabla_min(a, b);
        case NABLA_BINARY_EQ: return a == b ? T(1) : T(0);
        case NABLA_BINARY_NE: return a != b ? T(1) : T(0);
        case NABLA_BINARY_LT: return a < b ? T(1) : T(0);
        case NABLA_BINARY_LE: return a <= b ? T(1) : T(0);
        case NABLA_BINARY_GT: return a > b ? T(1) : T(0);
        case NABLA_BINARY_GE: return a >= b ? T(1) : T(0);
        case NABLA_BINARY_FLOOR_DIVIDE: return nabla_floor_divide(a, b);
        case NABLA_BINARY_REMAINDER: return nabla_remainder(a, b);
        default: return nabla_nan<T>();
    }
}

// unary_apply / binary_apply for storage type T, computed in NablaCompute<T>.
template <typename T> __device__ __forceinline__ T unary_value(int op, T x) {
    typedef typename NablaCompute<T>::type C;
    return op == NABLA_UNARY_COPY ? x : nabla_narrow<T>(unary_apply<C>(op, C(x)));
}

template <typename T> __device__ __forceinline__ T binary_value(int op, T a, T b) {
    typedef typename NablaCompute<T>::type C;
    return nabla_narrow<T>(binary_apply<C>(op, C(a), C(b)));
}

// Int64: the exact integer forms of the ops that have one; the rest in double, narrowed.
template <> __device__ __forceinline__ long long unary_value<long long>(int op, long long x) {
    switch (op) {
        case NABLA_UNARY_NEG: return nabla_wrap_neg(x);
        case NABLA_UNARY_ABS: return x < 0 ? nabla_wrap_neg(x) : x;  // |LLONG_MIN| wraps to itself
        case NABLA_UNARY_SIGN: return x > 0 ? 1 : (x < 0 ? -1 : 0);
        case NABLA_UNARY_RELU: return x > 0 ? x : 0;
        case NABLA_UNARY_COPY:
        case NABLA_UNARY_FLOOR: return x;
        case NABLA_UNARY_NONFINITE: return 0;
        default: return nabla_double_to_long(unary_apply<double>(op, (double)x));
    }
}

template <> __device__ __forceinline__ long long binary_value<long long>(int op, long long a, long long b) {
    switch (op) {
        case NABLA_BINARY_ADD: return nabla_wrap_add(a, b);
        case NABLA_BINARY_SUB: return nabla_wrap_sub(a, b);
        case NABLA_BINARY_MUL: return nabla_wrap_mul(a, b);
        case NABLA_BINARY_DIV: return nabla_long_divide(a, b);
        case NABLA_BINARY_POW: return nabla_long_pow(a, b);
        case NABLA_BINARY_MAX: return a > b ? a : b;
        case NABLA_BINARY_MIN: return a < b ? a : b;
        case NABLA_BINARY_EQ: return a == b;
        case NABLA_BINARY_NE: return a != b;
        case NABLA_BINARY_LT: return a < b;
        case NABLA_BINARY_LE: return a <= b;
        case NABLA_BINARY_GT: return a > b;
        case NABLA_BINARY_GE: return a >= b;
        case NABLA_BINARY_FLOOR_DIVIDE: return nabla_long_floor_divide(a, b);
        case NABLA_BINARY_REMAINDER: return nabla_long_remainder(a, b);
        default: return 0;
    }
}

template <typename T> __device__ void unary(T* y, const T* x, int n, int op) {
    NABLA_GRID_STRIDE(i, n) y[i] = unary_value(op, x[i]);
}

template <typename T> __device__ void unary_strided(T* y, const T* x, int op, const NdLayout& layout) {
    long long off[2];
    NABLA_GRID_STRIDE(i, nabla_layout_numel(layout)) {
        nabla_layout_offsets(layout, i, 2, off);
        y[off[0]] = unary_value(op, x[off[1]]);
    }
}

template <typename T> __device__ void binary(T* out, const T* a, const T* b, int n, int op) {
    NABLA_GRID_STRIDE(i, n) out[i] = binary_value(op, a[i], b[i]);
}

template <typename T> __device__ void binary_strided(T* out, const T* a, const T* b, int op, const NdLayout& layout) {
    long long off[3];
    NABLA_GRID_STRIDE(i, nabla_layout_numel(layout)) {
        nabla_layout_offsets(layout, i, 3, off);
        out[off[0]] = binary_value(op, a[off[1]], b[off[2]]);
    }
}

template <typename T> __device__ void where(T* out, const T* cond, const T* a, const T* b, int n) {
    NABLA_GRID_STRIDE(i, n) out[i] = cond[i] != T(0) ? a[i] : b[i];
}

template <typename T> __device__ void where_strided(T* out, const T* cond, const T* a, const T* b, const NdLayout& layout) {
    long long off[4];
    NABLA_GRID_STRIDE(i, nabla_layout_numel(layout)) {
        nabla_layout_offsets(layout, i, 4, off);
        out[off[0]] = cond[off[1]] != T(0) ? a[off[2]] : b[off[3]];
    }
}

template <typename To, typename From> __device__ void cast_strided(To* y, const From* x, const NdLayout& layout) {
    long long off[2];
    NABLA_GRID_STRIDE(i, nabla_layout_numel(layout)) {
        nabla_layout_offsets(layout, i, 2, off);
        y[off[0]] = nabla_convert<To>(x[off[1]]);
    }
}

#define ELEMENTWISE_KERNELS(T, S)                                                                              \
    extern "C" __global__ void ew_unary_##S(T* y, const T* x, int n, int op) { unary(y, x, n, op); }           \
    extern "C" __global__ void ew_unary_strided_##S(T* y, const T* x, int op, NdLayout layout) {               \
        unary_strided(y, x, op, layout);                                                                       \
    }                                                                                                          \
    extern "C" __global__ void ew_binary_##S(T* out, const T* a, const T* b, int n, int op) {                  \
        binary(out, a, b, n, op);                                                                              \
    }                                                                                                          \
    extern "C" __global__ void ew_binary_strided_##S(T* out, const T* a, const T* b, int op, NdLayout layout) { \
        binary_strided(out, a, b, op, layout);                                                                 \
    }                                                                                                          \
    extern "C" __global__ void ew_where_##S(T* out, const T* cond, const T* a, const T* b, int n) {            \
        where(out, cond, a, b, n);                                                                             \
    }                                                                                                          \
    extern "C" __global__ void ew_where_strided_##S(T* out, const T* cond, const T* a, const T* b,             \
                                                   NdLayout layout) {                                          \
        where_strided(out, cond, a, b, layout);                                                                \
    }

NABLA_FOR_ALL_TYPES(ELEMENTWISE_KERNELS)

#define CAST_KERNEL(To, ST, From, SF)                                                              \
    extern "C" __global__ void ew_cast_strided_##SF##_to_##ST(To* y, const From* x, NdLayout layout) { \
        cast_strided(y, x, layout);                                                                \
    }

CAST_KERNEL(double, f64, float, f32)
CAST_KERNEL(long long, i64, float, f32)
CAST_KERNEL(float, f32, double, f64)
CAST_KERNEL(long long, i64, double, f64)
CAST_KERNEL(float, f32, long long, i64)
CAST_KERNEL(double, f64, long long, i64)
