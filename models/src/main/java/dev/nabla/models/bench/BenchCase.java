package dev.nabla.models.bench;

/**
 * One benchmark: a name, its configuration, the work of one repetition, and its floating-point
 * operation count and memory traffic (each 0 when not meaningful, e.g. a whole training step).
 *
 * @param name case name, shared with bench/pytorch_bench.py so the two outputs join
 * @param config a short description of sizes, device and threads
 * @param flops floating-point operations per repetition, or 0
 * @param bytes the fewest bytes one repetition must read and write, or 0
 * @param body one repetition
 */
public record BenchCase(String name, String config, double flops, double bytes, Runnable body) {

    /** A case measured by its operation count alone. */
    public BenchCase(String name, String config, double flops, Runnable body) {
        this(name, config, flops, 0, body);
    }
}
