package dev.nabla.data;

import dev.nabla.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** Seeded train/validation and k-fold splits of {@code 0..n-1}. */
public final class Splits {

    private Splits() {
    }

    /**
     * A random split with {@code round(n·validationFraction)} validation samples.
     *
     * @param validationFraction in (0, 1)
     */
    public static Split trainValidation(int n, double validationFraction, Generator gen) {
        if (n < 2 || !(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("Splits.trainValidation: need n >= 2 and 0 < validationFraction < 1, got n="
                    + n + " validationFraction=" + validationFraction);
        }
        int[] order = Shuffling.permutation(n, gen);
        int validation = (int) Math.min(n - 1, Math.max(1, Math.round(n * validationFraction)));
        return new Split(Arrays.copyOfRange(order, validation, n), Arrays.copyOfRange(order, 0, validation));
    }

    /**
     * k folds of a random permutation; fold i validates on its part and trains on the rest. The
     * first {@code n mod k} folds have one sample more, so every sample validates exactly once.
     */
    public static List<Split> kFold(int n, int k, Generator gen) {
        if (k < 2 || k > n) {
            throw new IllegalArgumentException("Splits.kFold: need 2 <= k <= n, got k=" + k + " n=" + n);
        }
        int[] order = Shuffling.permutation(n, gen);
        List<Split> folds = new ArrayList<>();
        int start = 0;
        for (int f = 0; f < k; f++) {
            int end = start + n / k + (f < n % k ? 1 : 0);
            int from = start;
            int to = end;
            int[] train = IntStream.range(0, n).filter(i -> i < from || i >= to).map(i -> order[i]).toArray();
            folds.add(new Split(train, Arrays.copyOfRange(order, start, end)));
            start = end;
        }
        return folds;
    }
}
