// Counter-based random numbers: Philox-4x32-10 (Salmon et al., "Parallel random numbers: as easy as
// 1, 2, 3", SC'11). Stream definition shared by every kernel here, so results depend only on
// (seed, offset, element index), never on the launch:
//   key     = (seed low 32 bits, seed high 32 bits)
//   counter = (group low, group high, offset low, offset high), group = element index / 4
//   element i takes 32-bit word i % 4 of philox(counter, key).
// A caller advances `offset` between calls that must be independent (e.g. once per training step).
#include "nabla_common.cuh"

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u
#define PHILOX_ROUNDS 10

struct Philox4 {
    unsigned int v[4];
};

__host__ __device__ __forceinline__ void philox_mulhilo(unsigned int a, unsigned int b, unsigned int& hi, unsigned int& lo) {
    const unsigned long long product = (unsigned long long)a * b;
    hi = (unsigned int)(product >> 32);
    lo = (unsigned int)product;
}

__host__ __device__ inline Philox4 philox4x32_10(Philox4 ctr, unsigned int k0, unsigned int k1) {
    for (int round = 0; round < PHILOX_ROUNDS; ++round) {
        if (round > 0) {  // the key is bumped between rounds
            k0 += PHILOX_W0;
            k1 += PHILOX_W1;
        }
        unsigned int hi0, lo0, hi1, lo1;
        philox_mulhilo(PHILOX_M0, ctr.v[0], hi0, lo0);
        philox_mulhilo(PHILOX_M1, ctr.v[2], hi1, lo1);
        ctr = Philox4{{hi1 ^ ctr.v[1] ^ k0, lo1, hi0 ^ ctr.v[3] ^ k1, lo0}};
    }
    return ctr;
}

__device__ __forceinline__ Philox4 philox_group(unsigned long long seed, unsigned long long offset, long long group) {
    Philox4 ctr{{(unsigned int)group, (unsigned int)((unsigned long long)group >> 32), (unsigned int)offset,
                 (unsigned int)(offset >> 32)}};
    return philox4x32_10(ctr, (unsigned int)seed, (unsigned int)(seed >> 32));
}

// Uniform in [0, 1) with 24 random bits (exact in float).
__device__ __forceinline__ float philox_unit_float(unsigned int w) { return (float)(w >> 8) * 5.9604644775390625e-8f; }
// Uniform in [0, 1) with 32 random bits (exact in double).
__device__ __forceinline__ double philox_unit_double(unsigned int w) { return (double)w * 2.3283064365386963e-10; }

template <typename T> __device__ __forceinline__ T philox_unit(unsigned int w);
template <> __device__ __forceinline__ float philox_unit<float>(unsigned int w) { return philox_unit_float(w); }
template <> __device__ __forceinline__ double philox_unit<double>(unsigned int w) { return philox_unit_double(w); }

// Visits every group of 4 elements once (grid-stride); f(elementIndex, word) for the in-range elements.
template <typename F> __device__ __forceinline__ void philox_for_each(int n, unsigned long long seed, unsigned long long offset, F f) {
    NABLA_GRID_STRIDE(group, ((long long)n + 3) / 4) {
        const Philox4 r = philox_group(seed, offset, group);
#pragma unroll
        for (int w = 0; w < 4; ++w) {
            const long long i = group * 4 + w;
            if (i < n) f(i, r.v[w]);
        }
    }
}

// y = keep ? x / (1 - p) : 0 with keep = uniform(word) >= p. The backward pass is the same call on dy
// with the same (seed, offset), which regenerates the identical mask. p >= 1 drops everything.
template <typename T>
__device__ void dropout(T* y, const T* x, int n, float p, unsigned long long seed, unsigned long long offset) {
    const T scale = p < 1.f ? T(1) / (T(1) - T(p)) : T(0);
    philox_for_each(n, seed, offset, [&](long long i, unsigned int w) { y[i] = philox_unit_float(w) >= p ? x[i] * scale : T(0); });
}

// Uniform samples in [0, 1).
template <typename T> __device__ void rand_uniform(T* out, int n, unsigned long long seed, unsigned long long offset) {
    philox_for_each(n, seed, offset, [&](long long i, unsigned int w) { out[i] = philox_unit<T>(w); });
}

// Standard normal samples by Box-Muller on word pairs (0,1) and (2,3) of each group.
template <typename T> __device__ void rand_normal(T* out, int n, unsigned long long seed, unsigned long long offset) {
    NABLA_GRID_STRIDE(group, ((long long)n + 3) / 4) {
        const Philox4 r = philox_group(seed, offset, group);
#pragma unroll
        for (int pair = 0; pair < 2; ++pair) {
            const T u1 = T(1) - philox_unit<T>(r.v[2 * pair]);  // (0, 1]: log stays finite
            const T u2 = philox_unit<T>(r.v[2 * pair + 1]);
            const T radius = sqrt(T(-2) * log(u1));
            const T angle = T(6.283185307179586) * u2;
            const long long i = group * 4 + 2 * pair;
            if (i < n) out[i] = radius * cos(angle);
            if (i + 1 < n) out[i + 1] = radius * sin(angle);
        }
    }
}

#define RANDOM_KERNELS(T, S)                                                                                      \
    extern "C" __global__ void dropout_##S(T* y, const T* x, int n, float p, unsigned long long seed,             \
                                           unsigned long long offset) {                                           \
        dropout(y, x, n, p, seed, offset);                                                                        \
    }                                                                                                             \
    extern "C" __global__ void rand_uniform_##S(T* out, int n, unsigned long long seed, unsigned long long offset) { \
        rand_uniform(out, n, seed, offset);                                                                       \
    }                                                                                                             \
    extern "C" __global__ void rand_normal_##S(T* out, int n, unsigned long long seed, unsigned long long offset) { \
        rand_normal(out, n, seed, offset);                                                                        \
    }

NABLA_FOR_FLOAT_TYPES(RANDOM_KERNELS)
