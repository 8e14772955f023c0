package dev.nabla.models.bench;

/**
 * One benchmark: a name, its configuration, the CPU threads it runs on, the work of one repetition, and its
 * floating-point operation count and memory traffic (each 0 when not meaningful, e.g. a whole training step).
 *
 * @param name case name, shared with bench/pytorch_bench.py so the two outputs join
 * @param config a short description of sizes, device and threads
 * @param threads the CPU threads the runner gives the case before timing it
 * @param flops floating-point operations per repetition, or 0
 * @param bytes the fewest bytes one repetition must read and write, or 0
 * @param body one repetition
 */
public record BenchCase(String name, String config, int threads, double flops, double bytes, Runnable body) {

    /** Validates the thread count. */
    public BenchCase {
        if (threads <= 0) {
            throw new IllegalArgumentException("bench: case " + name + " needs a positive thread count, got " + threads);
        }
    }

    /** A case measured by its operation count alone. */
    public BenchCase(String name, String config, int threads, double flops, Runnable body) {
        this(name, config, threads, flops, 0, body);
    }
}
