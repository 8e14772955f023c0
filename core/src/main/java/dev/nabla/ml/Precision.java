package dev.nabla.ml;

import dev.nabla.DType;

/**
 * What a floating dtype can resolve, so that stopping rules never ask for more than the arithmetic
 * delivers: a float32 fit whose objective can no longer decrease by a representable amount has
 * converged as far as float32 allows, and says so.
 */
public final class Precision {

    /**
     * Relative changes of an objective below this many machine epsilons are rounding noise: sums of
     * n terms carry errors of a few epsilons (blocked and pairwise summation), and a safety factor
     * keeps a solver from stopping one step early on a lucky rounding.
     */
    private static final double NOISE_EPSILONS = 16;

    private Precision() {
    }

    /** The machine epsilon of a floating dtype: 2^-23 for FLOAT32, 2^-52 for FLOAT64. */
    public static double epsilon(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> Math.ulp(1.0f);
            case FLOAT64 -> Math.ulp(1.0);
            case INT64 -> throw new IllegalArgumentException("Precision.epsilon: INT64 is not a floating dtype");
        };
    }

    /** The smallest relative change of a computed objective that is not rounding noise in {@code dtype}. */
    public static double relativeResolution(DType dtype) {
        return NOISE_EPSILONS * epsilon(dtype);
    }
}
