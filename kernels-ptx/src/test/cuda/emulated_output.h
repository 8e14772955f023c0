// Inputs and output lines shared by the emulated-kernel host programs: inputs drawn from core's CounterRng
// stream (random.cu's host functions, which HostReferenceTest checks against Java bit for bit), outputs printed
// as `NAME fields... grid.x grid.y block.x | raw bits...`.
#pragma once
#include <vector>

using emu::Dim3;

// Element i of core's uniform fill on [low, high) with seed `seed`, stored as T.
template <typename T = float> static std::vector<T> uniform(unsigned long long seed, int n, double low, double high) {
    std::vector<T> v(n);
    for (int i = 0; i < n; ++i) v[i] = (T)counter_rng_uniform_on(seed, i, low, high);
    return v;
}

template <typename T>
static void print(const char* name, const std::vector<int>& fields, Dim3 grid, Dim3 block, const std::vector<T>& v) {
    std::printf("%s", name);
    for (int f : fields) std::printf(" %d", f);
    std::printf(" %u %u %u |", grid.x, grid.y, block.x);
    for (T x : v) {
        unsigned long long bits = 0;
        std::memcpy(&bits, &x, sizeof x);
        std::printf(" %llu", bits);
    }
    std::printf("\n");
}

static unsigned ceil_div(long long a, long long b) { return (unsigned)((a + b - 1) / b); }


// LaunchGeometry.elementwise(n): 256-thread blocks, one thread per element.
static Dim3 elementwise_grid(long long n) { return Dim3{ceil_div(n, 256)}; }

// LaunchGeometry.blockPerRow: the smallest power of two >= cols, between 32 and 512 threads.
static Dim3 row_block(long long cols) {
    unsigned block = 32;
    while (block < cols && block < 512) block *= 2;
    return Dim3{block};
}
