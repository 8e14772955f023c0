package dev.nabla.data;

import dev.nabla.Generator;

/** Seeded random permutations (Fisher–Yates), drawing from a {@link Generator} so they are reproducible. */
final class Shuffling {

    private Shuffling() {
    }

    static int[] permutation(int n, Generator gen) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, gen);
        return p;
    }

    static void shuffle(int[] values, Generator gen) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = gen.nextInt(i + 1);
            int tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
    }
}
