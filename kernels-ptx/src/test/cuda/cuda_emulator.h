// A host emulation of the CUDA execution model, so that tests can run the kernels' own source on a machine
// without a GPU: every thread of a block is a fiber (ucontext) that runs until it blocks, in index order or, with
// NABLA_EMU_REVERSE set, in reverse (tests run both: a race shows up as results that differ), the blocks of a
// grid run one after another,
// __syncthreads() is a block-wide barrier and the warp shuffles exchange values through a barrier of the 32
// lanes of a warp. A barrier that cannot complete (a shuffle or __syncthreads() that not every lane reaches)
// aborts with a message instead of hanging. __shared__ variables become function statics, which every fiber
// of the running block shares. Floating-point functions are the host's, so results agree with a GPU's within
// the libraries' rounding, not bit for bit.
//
// Compile a kernel source as C++ with this header forced in first: g++ -x c++ -include cuda_emulator.h ...
#pragma once

#include <ucontext.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <math.h>
#include <memory>
#include <type_traits>
#include <vector>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __shared__ static

namespace emu {

struct Dim3 {
    unsigned x = 1, y = 1, z = 1;
};

enum class State { RUNNABLE, AT_BLOCK_BARRIER, AT_WARP_BARRIER, DONE };

struct Fiber {
    ucontext_t context;
    Dim3 index;
    int linear = 0;
    State state = State::RUNNABLE;
    unsigned long long exchanged = 0;  // this lane's value during a shuffle
};

constexpr size_t STACK_BYTES = 64 * 1024;

// One stack per thread index, allocated once (uninitialised) and reused by every block.
inline char* stack_of(int thread) {
    static std::vector<std::unique_ptr<char[]>> stacks;
    while ((int)stacks.size() <= thread) stacks.emplace_back(new char[STACK_BYTES]);
    return stacks[thread].get();
}

struct Block {
    Dim3 index, dim, grid;
    std::vector<Fiber> fibers;
    int current = 0;
    ucontext_t scheduler;
    std::function<void()> body;
};

inline Block*& running() {
    static Block* block = nullptr;
    return block;
}

inline Fiber& self() { return running()->fibers[running()->current]; }

[[noreturn]] inline void fail(const char* what) {
    std::fprintf(stderr, "cuda_emulator: %s (block %u,%u, thread %d)\n", what, running()->index.x, running()->index.y,
                 self().linear);
    std::exit(3);
}

inline void wait(State at) {
    Fiber& f = self();
    f.state = at;
    swapcontext(&f.context, &running()->scheduler);
}

inline void fiber_entry() {
    running()->body();
    self().state = State::DONE;  // uc_link returns to the scheduler
}

// Releases every barrier whose participants have all arrived; false if none could be released. A warp's
// shuffle needs all 32 lanes (the kernels shuffle with the full mask).
inline bool release_barriers(Block& b) {
    bool released = false;
    const int n = (int)b.fibers.size();
    // Threads that have exited no longer take part in __syncthreads(), as on the hardware.
    bool all_at_block = true, any_at_block = false;
    for (const Fiber& f : b.fibers) {
        all_at_block &= f.state == State::AT_BLOCK_BARRIER || f.state == State::DONE;
        any_at_block |= f.state == State::AT_BLOCK_BARRIER;
    }
    if (all_at_block && any_at_block) {
        for (Fiber& f : b.fibers)
            if (f.state == State::AT_BLOCK_BARRIER) f.state = State::RUNNABLE;
        return true;
    }
    for (int warp = 0; warp < n; warp += 32) {
        const int end = std::min(n, warp + 32);
        bool all_at_warp = true;
        for (int i = warp; i < end; ++i) all_at_warp &= b.fibers[i].state == State::AT_WARP_BARRIER;
        if (all_at_warp) {
            for (int i = warp; i < end; ++i) b.fibers[i].state = State::RUNNABLE;
            released = true;
        }
    }
    return released;
}

// Whether fibers run in reverse index order (NABLA_EMU_REVERSE set): a test runs a program both ways, and a race
// that one order hides (a later thread's write read too early by an earlier one) the other exposes.
inline bool reverse_order() {
    static const bool reverse = std::getenv("NABLA_EMU_REVERSE") != nullptr;
    return reverse;
}

inline void run_block(Block& b) {
    const int n = (int)(b.dim.x * b.dim.y * b.dim.z);
    b.fibers.resize(n);
    running() = &b;
    for (int i = 0; i < n; ++i) {
        Fiber& f = b.fibers[i];
        f.linear = i;
        f.index = Dim3{(unsigned)(i % b.dim.x), (unsigned)(i / b.dim.x % b.dim.y), (unsigned)(i / (b.dim.x * b.dim.y))};
        f.state = State::RUNNABLE;
        getcontext(&f.context);
        f.context.uc_stack.ss_sp = stack_of(i);
        f.context.uc_stack.ss_size = STACK_BYTES;
        f.context.uc_link = &b.scheduler;
        makecontext(&f.context, fiber_entry, 0);
    }
    for (;;) {
        bool ran = false;
        for (int k = 0; k < n; ++k) {
            const int i = reverse_order() ? n - 1 - k : k;
            if (b.fibers[i].state != State::RUNNABLE) continue;
            b.current = i;
            swapcontext(&b.scheduler, &b.fibers[i].context);
            ran = true;
        }
        bool done = true;
        for (const Fiber& f : b.fibers) done &= f.state == State::DONE;
        if (done) return;
        if (!release_barriers(b) && !ran) {
            b.current = 0;
            for (int i = 0; i < n; ++i)
                if (b.fibers[i].state != State::DONE) b.current = i;
            fail("deadlock: a barrier or shuffle that not every thread of its block or warp reaches");
        }
    }
}

// Runs kernel(args...) over the grid, block after block.
template <typename... Params, typename... Args>
void launch(Dim3 grid, Dim3 block, void (*kernel)(Params...), Args... args) {
    for (unsigned z = 0; z < grid.z; ++z)
        for (unsigned y = 0; y < grid.y; ++y)
            for (unsigned x = 0; x < grid.x; ++x) {
                Block b;
                b.index = Dim3{x, y, z};
                b.dim = block;
                b.grid = grid;
                b.body = [&] { kernel(args...); };
                run_block(b);
            }
    running() = nullptr;
}

template <typename T> T shuffle(T v, int source_lane) {
    static_assert(sizeof(T) <= sizeof(unsigned long long), "shuffled values fit 64 bits");
    Fiber& me = self();
    std::memcpy(&me.exchanged, &v, sizeof(T));
    wait(State::AT_WARP_BARRIER);  // every lane has published its value
    const int warp_base = me.linear / 32 * 32;
    T out;
    std::memcpy(&out, &running()->fibers[warp_base + (source_lane & 31)].exchanged, sizeof(T));
    wait(State::AT_WARP_BARRIER);  // every lane has read before any publishes again
    return out;
}

}  // namespace emu

#define threadIdx (emu::self().index)
#define blockIdx (emu::running()->index)
#define blockDim (emu::running()->dim)
#define gridDim (emu::running()->grid)

inline void __syncthreads() { emu::wait(emu::State::AT_BLOCK_BARRIER); }

template <typename T> T __shfl_sync(unsigned, T v, int lane) { return emu::shuffle(v, lane); }
template <typename T> T __shfl_xor_sync(unsigned, T v, int mask) { return emu::shuffle(v, emu::self().linear % 32 ^ mask); }

// Fibers of one block never run at the same time, so a plain read-modify-write is atomic.
template <typename T> T atomicAdd(T* address, T v) {
    const T old = *address;
    *address = old + v;
    return old;
}

inline unsigned long long atomicCAS(unsigned long long* address, unsigned long long compare, unsigned long long v) {
    const unsigned long long old = *address;
    if (old == compare) *address = v;
    return old;
}

inline float __int_as_float(int bits) {
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

inline double __longlong_as_double(long long bits) {
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
}

// CUDA's min and max accept mixed integer types.
template <typename A, typename B> std::common_type_t<A, B> min(A a, B b) { return a < b ? a : b; }
template <typename A, typename B> std::common_type_t<A, B> max(A a, B b) { return a > b ? a : b; }
