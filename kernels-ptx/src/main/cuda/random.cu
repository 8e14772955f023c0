// Counter-based random numbers, the same stream as core's dev.nabla.backend.CounterRng so that every
// backend fills a tensor with the same values: element i of a fill takes counter offset + i, and its
// value is a pure function of (seed, counter). The mixer is SplitMix64's finaliser (Steele, Lea and
// Flood, 2014) applied to seed * golden + counter * C + golden, all modulo 2^64.
//
// Arithmetic follows the Java reference step by step in double and is stored as the CPU stores it
// (nabla_narrow): the scaling a + (b - a) * u rounds through nabla_mul_rn / nabla_add_rn so the
// compiler cannot contract it into an FMA, which Java never does. Uniform values are therefore bit-equal
// to the CPU's; normal values go through the device's log and cos, within 2 ulp of Java's.
#include "nabla_common.cuh"

#define COUNTER_RNG_GOLDEN 0x9E3779B97F4A7C15ULL
#define COUNTER_RNG_STEP 0xD1B54A32D192ED03ULL

// 64 random bits for (seed, counter): CounterRng.bits.
__host__ __device__ __forceinline__ unsigned long long counter_rng_bits(unsigned long long seed, unsigned long long counter) {
    unsigned long long z = seed * COUNTER_RNG_GOLDEN + counter * COUNTER_RNG_STEP + COUNTER_RNG_GOLDEN;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// Uniform on [0, 1) with 53 random bits: CounterRng.uniform.
__host__ __device__ __forceinline__ double counter_rng_uniform(unsigned long long seed, unsigned long long counter) {
    return (double)(counter_rng_bits(seed, counter) >> 11) * 1.1102230246251565e-16;  // 2^-53
}

// Standard normal by Box-Muller on the uniforms at counters 2c and 2c + 1: CounterRng.normal.
__host__ __device__ __forceinline__ double counter_rng_normal(unsigned long long seed, unsigned long long counter) {
    const double u1 = 1.0 - counter_rng_uniform(seed, 2 * counter);  // (0, 1]: log stays finite
    const double u2 = counter_rng_uniform(seed, 2 * counter + 1);
    return nabla_mul_rn(sqrt(-2.0 * log(u1)), cos(nabla_mul_rn(6.283185307179586, u2)));  // 2 pi, exact
}

// low + (high - low) * u, rounded as Java rounds it.
__host__ __device__ __forceinline__ double counter_rng_uniform_on(unsigned long long seed, unsigned long long counter,
                                                                  double low, double high) {
    return nabla_add_rn(low, nabla_mul_rn(high - low, counter_rng_uniform(seed, counter)));
}

// mean + std * z, rounded as Java rounds it.
__host__ __device__ __forceinline__ double counter_rng_normal_with(unsigned long long seed, unsigned long long counter,
                                                                   double mean, double std) {
    return nabla_add_rn(mean, nabla_mul_rn(std, counter_rng_normal(seed, counter)));
}

#define RANDOM_KERNELS(T, S)                                                                                       \
    extern "C" __global__ void random_uniform_##S(T* out, int n, unsigned long long seed, unsigned long long offset, \
                                                  double low, double high) {                                       \
        NABLA_GRID_STRIDE(i, n) out[i] = nabla_narrow<T>(counter_rng_uniform_on(seed, offset + i, low, high));     \
    }                                                                                                              \
    extern "C" __global__ void random_normal_##S(T* out, int n, unsigned long long seed, unsigned long long offset,  \
                                                 double mean, double std) {                                        \
        NABLA_GRID_STRIDE(i, n) out[i] = nabla_narrow<T>(counter_rng_normal_with(seed, offset + i, mean, std));    \
    }

NABLA_FOR_ALL_TYPES(RANDOM_KERNELS)
