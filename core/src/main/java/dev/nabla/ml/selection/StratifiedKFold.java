package dev.nabla.ml.selection;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * K-fold partitioning that keeps each class's share in every fold, as scikit-learn's
 * {@code StratifiedKFold}: the rows of each class are dealt to the folds in turn (the fold sizes of
 * a class differ by at most one), in row order or, with {@code shuffle}, in a seeded random order.
 * What {@code cross_val_score} uses for classifiers; plain {@link KFold} on rows sorted by class
 * tests each fold on a class it never trained on. Without shuffling the folds equal scikit-learn's.
 *
 * @param folds number of folds, {@code >= 2}
 * @param shuffle whether to shuffle each class's fold assignments
 * @param seed shuffle seed
 */
public record StratifiedKFold(int folds, boolean shuffle, long seed) implements CrossValidator {

    private static final Logger LOG = LoggerFactory.getLogger(StratifiedKFold.class);

    /** Validates the settings. */
    public StratifiedKFold {
        if (folds < 2) {
            throw new IllegalArgumentException("StratifiedKFold: folds must be >= 2, got " + folds);
        }
    }

    /** The folds of the labelled rows; a class with fewer rows than folds is an error only when every class is. */
    @Override
    public List<Fold> split(Tensor y) {
        String op = "StratifiedKFold.split";
        if (y.rank() != 1 || y.numel() == 0) {
            throw new IllegalArgumentException(op + ": y must be a non-empty label vector, got shape " + y.shape());
        }
        long[] labels = y.toLongArray();
        int n = labels.length;
        // classes numbered in order of first appearance, as scikit-learn does
        long[] firstSeen = Arrays.stream(labels).distinct().toArray();
        int[] encoded = Arrays.stream(labels).mapToInt(v -> indexOf(firstSeen, v)).toArray();
        int classes = firstSeen.length;
        int[] counts = new int[classes];
        for (int c : encoded) {
            counts[c]++;
        }
        if (Arrays.stream(counts).allMatch(c -> c < folds)) {
            throw new IllegalArgumentException(op + ": folds = " + folds + " cannot be greater than the number of rows "
                    + "in each class " + Arrays.toString(counts));
        }
        if (Arrays.stream(counts).min().orElse(0) < folds) {
            LOG.warn("{}: the least populated class has only {} rows, fewer than folds = {}", op,
                    Arrays.stream(counts).min().orElse(0), folds);
        }
        // deal the class-sorted rows to the folds in turn, then give each class its rows' fold numbers in row order
        int[] sortedClasses = Arrays.stream(encoded).sorted().toArray();
        int[][] allocation = new int[folds][classes];
        for (int i = 0; i < n; i++) {
            allocation[i % folds][sortedClasses[i]]++;
        }
        Generator gen = new Generator(seed);
        int[] testFold = new int[n];
        for (int c = 0; c < classes; c++) {
            int cls = c;
            int[] foldOfRow = IntStream.range(0, folds).flatMap(f -> IntStream.generate(() -> f).limit(allocation[f][cls]))
                    .toArray();
            if (shuffle) {
                for (int i = foldOfRow.length - 1; i > 0; i--) {
                    int j = gen.nextInt(i + 1);
                    int t = foldOfRow[i];
                    foldOfRow[i] = foldOfRow[j];
                    foldOfRow[j] = t;
                }
            }
            int next = 0;
            for (int i = 0; i < n; i++) {
                if (encoded[i] == c) {
                    testFold[i] = foldOfRow[next++];
                }
            }
        }
        List<Fold> out = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            int fold = f;
            long[] test = IntStream.range(0, n).filter(i -> testFold[i] == fold).asLongStream().toArray();
            long[] train = IntStream.range(0, n).filter(i -> testFold[i] != fold).asLongStream().toArray();
            out.add(new Fold(Tensor.of(train, train.length), Tensor.of(test, test.length)));
        }
        return out;
    }

    private static int indexOf(long[] values, long v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        throw new IllegalStateException("StratifiedKFold: label " + v + " vanished");
    }
}
