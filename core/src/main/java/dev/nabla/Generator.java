package dev.nabla;

/**
 * A seeded source of random tensors. Numbers are counter-based: a draw of n values takes the
 * counters {@code offset .. offset+n-1} and advances the offset, so (seed, offset) is the whole
 * state and saving it in a checkpoint makes a resumed run draw exactly what the original would.
 *
 * <p><b>The default generator is per thread.</b> Calls that take no generator ({@link Tensor#rand},
 * layer initialisers, dropout without one) draw from {@link #global()}, the calling thread's own
 * generator. Every thread's starts at {@link #DEFAULT_SEED}, offset 0, and {@link #manualSeed}
 * re-seeds only the calling thread's, so two threads that each seed and then build a model get
 * exactly what each would get alone, whatever the timing. A thread does not inherit its creator's
 * seed: code that builds or samples on another thread seeds there, or passes a {@code Generator}
 * explicitly (one generator may be shared between threads; its draws are then interleaved).
 */
public final class Generator {

    /** PyTorch's default seed, so that a fresh program is reproducible unless seeded otherwise. */
    public static final long DEFAULT_SEED = 67280421310721L;

    private static final ThreadLocal<Generator> DEFAULT = ThreadLocal.withInitial(() -> new Generator(DEFAULT_SEED));

    private final long seed;
    private long offset;

    /** A generator starting at offset 0 of {@code seed}. */
    public Generator(long seed) {
        this.seed = seed;
    }

    /**
     * The calling thread's default generator, used by {@link Tensor#rand} and friends when none is
     * given (see the class comment: one per thread, starting at {@link #DEFAULT_SEED}).
     */
    public static Generator global() {
        return DEFAULT.get();
    }

    /** Re-seeds the calling thread's default generator (other threads' are untouched). */
    public static void manualSeed(long seed) {
        DEFAULT.set(new Generator(seed));
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** The next unused counter. */
    public synchronized long offset() {
        return offset;
    }

    /** Restores a saved offset (see {@link #offset()}). */
    public synchronized void setOffset(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("Generator.setOffset: offset must be >= 0, got " + value);
        }
        offset = value;
    }

    /** Reserves {@code n} counters and returns the first. */
    public synchronized long advance(long n) {
        long start = offset;
        offset += n;
        return start;
    }

    /** A uniform double in [0, 1) from the next counter (for host-side decisions such as shuffling). */
    public double nextDouble() {
        return dev.nabla.backend.CounterRng.uniform(seed, advance(1));
    }

    /** A uniform int in {@code [0, bound)} from the next counter. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("Generator.nextInt: bound must be positive, got " + bound);
        }
        return (int) Math.floor(nextDouble() * bound);
    }
}
