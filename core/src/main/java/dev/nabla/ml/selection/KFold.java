package dev.nabla.ml.selection;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * K-fold partitioning: the (optionally shuffled) rows are cut into {@code folds} contiguous parts
 * whose sizes differ by at most one; each part is the test set once. For classifiers,
 * {@link StratifiedKFold} keeps the class shares in every fold, as scikit-learn's
 * {@code cross_val_score} does; unshuffled k-fold on rows sorted by class tests on unseen classes.
 *
 * @param folds number of folds, {@code >= 2}
 * @param shuffle whether to shuffle rows first
 * @param seed shuffle seed
 */
public record KFold(int folds, boolean shuffle, long seed) implements CrossValidator {

    /** Validates the settings. */
    public KFold {
        if (folds < 2) {
            throw new IllegalArgumentException("KFold: folds must be >= 2, got " + folds);
        }
    }

    /** The folds of the rows of {@code y}, by position only. */
    @Override
    public List<Fold> split(Tensor y) {
        return split(y.size(0));
    }

    /** The folds of {@code n} rows. */
    public List<Fold> split(int n) {
        Inputs.requireAtMostSamples("KFold.split", "folds", folds, n);
        long[] perm = Permutations.of(n, shuffle, seed);
        List<Fold> out = new ArrayList<>();
        int start = 0;
        for (int f = 0; f < folds; f++) {
            int size = n / folds + (f < n % folds ? 1 : 0);
            long[] test = Arrays.copyOfRange(perm, start, start + size);
            long[] train = new long[n - size];
            System.arraycopy(perm, 0, train, 0, start);
            System.arraycopy(perm, start + size, train, start, n - start - size);
            out.add(new Fold(Tensor.of(train, train.length), Tensor.of(test, test.length)));
            start += size;
        }
        return out;
    }
}
