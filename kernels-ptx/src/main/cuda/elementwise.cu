// Elementwise unary, binary and ternary (where) kernels over contiguous or strided/broadcast operands,
// plus the casts between float, double and int64. Unknown op codes produce NaN (0 for int64).
// Int64 operands compute in double and are narrowed back as Java's (long) does (NablaCompute), which is
// how the CPU backend computes them; a copy (op COPY) of int64 stays exact.
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

template <> __device__ __forceinline__ long long binary_value<long long>(int op, long long a, long long b) {
    const double x = (double)a, y = (double)b;
    return nabla_double_to_long(op == NABLA_BINARY_POW ? nabla_integer_pow(x, y) : binary_apply<double>(op, x, y));
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
