package dev.nabla.cpu.kernels;

/**
 * A register-bound loop of independent float32 fused multiply-adds: what one core can do at best,
 * measured on this JVM, so the benchmarks can state GEMM and convolution speed as a fraction of it
 * in the same run. {@link Simd#fmaPeak()} gives the SIMD loop, or a scalar one without the Vector API.
 */
public interface FmaPeak {

    /** Floating-point operations one iteration performs (an FMA counts two). */
    double flopsPerIteration();

    /** Runs {@code iterations} iterations; the returned value only keeps the JIT from removing the work. */
    float run(long iterations);
}
