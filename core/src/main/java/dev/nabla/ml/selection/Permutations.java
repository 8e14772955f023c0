package dev.nabla.ml.selection;

import dev.nabla.Generator;

/** Seeded Fisher-Yates shuffles of row indices. */
final class Permutations {

    private Permutations() {
    }

    /** {@code 0..n-1}, shuffled when {@code shuffle}. */
    static long[] of(int n, boolean shuffle, long seed) {
        long[] perm = new long[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        if (shuffle) {
            Generator gen = new Generator(seed);
            for (int i = n - 1; i > 0; i--) {
                int j = gen.nextInt(i + 1);
                long t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
        }
        return perm;
    }
}
