package dev.nabla.backend;

/**
 * The counter-based random numbers every backend produces for {@link Backend#random}: a pure
 * function of (seed, counter), so CPU threads and GPU threads agree bit for bit.
 *
 * <p>The mixer is SplitMix64's finaliser (Steele, Lea and Flood, 2014) applied to
 * {@code seed * golden + counter}: cheap, and statistically adequate for initialisation,
 * dropout and shuffling.
 */
public final class CounterRng {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private CounterRng() {
    }

    /** 64 random bits for {@code (seed, counter)}. */
    public static long bits(long seed, long counter) {
        long z = seed * GOLDEN + counter * 0xD1B54A32D192ED03L + GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform double in {@code [0, 1)} for {@code (seed, counter)}. */
    public static double uniform(long seed, long counter) {
        return (bits(seed, counter) >>> 11) * 0x1.0p-53;
    }

    /** A standard normal for {@code (seed, counter)} by Box–Muller on two independent uniforms. */
    public static double normal(long seed, long counter) {
        double u1 = 1.0 - uniform(seed, 2 * counter);
        double u2 = uniform(seed, 2 * counter + 1);
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
