package dev.nabla.ml.selection;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import java.util.Arrays;

/**
 * A random split of rows into a training and a test part.
 *
 * @param xTrain training features
 * @param xTest test features
 * @param yTrain training targets
 * @param yTest test targets
 */
public record TrainTestSplit(Tensor xTrain, Tensor xTest, Tensor yTrain, Tensor yTest) {

    /**
     * Shuffles the rows with {@code seed} and puts {@code ceil(testFraction·n)} of them in the test part (as
     * scikit-learn rounds the test size up).
     *
     * @param testFraction in {@code (0, 1)}; both parts must end up non-empty
     */
    public static TrainTestSplit of(Tensor x, Tensor y, double testFraction, long seed) {
        Inputs.requireXy("TrainTestSplit", x, y);
        int n = x.size(0);
        int nTest = (int) Math.ceil(testFraction * n);
        if (!(testFraction > 0 && testFraction < 1) || nTest == 0 || nTest == n) {
            throw new IllegalArgumentException("TrainTestSplit: testFraction " + testFraction + " of " + n
                    + " rows leaves an empty part");
        }
        long[] perm = Permutations.of(n, true, seed);
        Fold fold = new Fold(Tensor.of(Arrays.copyOfRange(perm, nTest, n), n - nTest),
                Tensor.of(Arrays.copyOfRange(perm, 0, nTest), nTest));
        return new TrainTestSplit(fold.train(x), fold.test(x), fold.train(y), fold.test(y));
    }
}
