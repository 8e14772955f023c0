package dev.nabla.ml;

import dev.nabla.Tensor;

/** Pairwise distances between the rows of two matrices, computed with matrix products on the device. */
public final class Distances {

    private Distances() {
    }

    /**
     * Squared Euclidean distances {@code [m, n]} between the rows of {@code a} ({@code [m, d]}) and
     * {@code b} ({@code [n, d]}), via {@code |a|² + |b|² - 2 a·b}, clamped at zero against rounding.
     */
    public static Tensor squaredEuclidean(Tensor a, Tensor b) {
        requireAligned("Distances.squaredEuclidean", a, b);
        Tensor aa = a.mul(a).sum(new int[] {1}, true);
        Tensor bb = b.mul(b).sum(new int[] {1}, false).unsqueeze(0);
        return aa.add(bb).sub(a.matmul(b.t()).mul(2)).relu();
    }

    /** Manhattan (L1) distances {@code [m, n]} between rows; memory {@code m·n·d}, so callers batch rows. */
    public static Tensor manhattan(Tensor a, Tensor b) {
        requireAligned("Distances.manhattan", a, b);
        return a.unsqueeze(1).sub(b.unsqueeze(0)).abs().sum(new int[] {2}, false);
    }

    private static void requireAligned(String op, Tensor a, Tensor b) {
        if (a.rank() != 2 || b.rank() != 2 || a.size(1) != b.size(1)) {
            throw new IllegalArgumentException(op + ": expected matrices with equal column counts, got shapes "
                    + a.shape() + " and " + b.shape());
        }
    }
}
