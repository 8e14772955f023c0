// Host program for HostReferenceTest: prints what the kernels' __host__ __device__ functions compute, with
// their inputs, so that the test can recompute each line with the Java code the CPU backend runs.
//   R seed counter bits uniform normal uniform_on(-0.25, 3) normal_with(0.5, 2)   (doubles as raw bits)
//   L double_bits nabla_double_to_long
//   F long nabla_convert<float>(long) as raw bits
//   P a b nabla_long_pow(a, b)
//   I a b nabla_long_divide nabla_long_floor_divide nabla_long_remainder nabla_wrap_add nabla_wrap_sub nabla_wrap_mul
#include <cstdio>
#include <cstring>
#include "random.cu"

static unsigned long long bits_of(double x) {
    unsigned long long b;
    std::memcpy(&b, &x, sizeof b);
    return b;
}

static void random_line(unsigned long long seed, unsigned long long counter) {
    std::printf("R %llu %llu %llu %llu %llu %llu %llu\n", seed, counter, counter_rng_bits(seed, counter),
                bits_of(counter_rng_uniform(seed, counter)), bits_of(counter_rng_normal(seed, counter)),
                bits_of(counter_rng_uniform_on(seed, counter, -0.25, 3.0)),
                bits_of(counter_rng_normal_with(seed, counter, 0.5, 2.0)));
}

int main() {
    const unsigned long long edges[] = {0ULL, 1ULL, 2ULL, 0x7fffffffffffffffULL, 0x8000000000000000ULL, ~0ULL};
    for (unsigned long long seed : edges)
        for (unsigned long long counter : edges) random_line(seed, counter);
    unsigned long long state = 12345;  // an LCG (Knuth's MMIX constants) picks further inputs
    for (int i = 0; i < 500; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        const unsigned long long seed = state;
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        random_line(seed, state >> (i % 64));
    }
    const double doubles[] = {0.0, -0.0, 0.5, -0.5, 2.9, -2.9, 1e18, -1e18, 9.2233720368547748e18, 9223372036854775808.0,
                              -9223372036854775808.0, -9.3e18, 1e300, -1e300, 1.0 / 0.0, -1.0 / 0.0, 0.0 / 0.0,
                              4503599627370497.5, -4503599627370497.5};
    for (double d : doubles) std::printf("L %llu %lld\n", bits_of(d), nabla_double_to_long(d));
    const long long longs[] = {0LL, 1LL, -1LL, 16777217LL, -16777217LL, 9007199254740993LL, 0x7fffffffffffffffLL,
                               -0x7fffffffffffffffLL - 1, 0x20000020000001LL, 0x1000001fffffffLL};
    for (long long l : longs) {
        const float f = nabla_convert<float>(l);
        unsigned int fb;
        std::memcpy(&fb, &f, sizeof fb);
        std::printf("F %lld %u\n", l, fb);
    }
    const long long bases[] = {0, 1, -1, 2, -2, 3, -3, 7, 10, -13, 1000003, 0x20000000000001LL,
                               -0x7fffffffffffffffLL - 1};
    const long long exponents[] = {0, 1, 2, 3, 4, 5, 7, 13, 20, 33, 39, 40, 62, 63, 64, 100, -1, -2, -3,
                                   1000000000000LL, 0x7fffffffffffffffLL};
    for (long long a : bases)
        for (long long b : exponents) std::printf("P %lld %lld %lld\n", a, b, nabla_long_pow(a, b));
    const long long operands[] = {0, 1, -1, 2, -2, 7, -7, 3, -3, 0x20000000000001LL, -0x20000000000001LL,
                                  0x7fffffffffffffffLL, -0x7fffffffffffffffLL - 1, -0x7fffffffffffffffLL,
                                  1234567890123456789LL, -987654321987654321LL};
    for (long long a : operands)
        for (long long b : operands)
            std::printf("I %lld %lld %lld %lld %lld %lld %lld %lld\n", a, b, nabla_long_divide(a, b),
                        nabla_long_floor_divide(a, b), nabla_long_remainder(a, b), nabla_wrap_add(a, b),
                        nabla_wrap_sub(a, b), nabla_wrap_mul(a, b));
    return 0;
}
