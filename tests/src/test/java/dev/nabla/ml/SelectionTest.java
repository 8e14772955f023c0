package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Tensor;
import dev.nabla.ml.linear.LinearModel;
import dev.nabla.ml.linear.LogisticRegression;
import dev.nabla.ml.linear.Ridge;
import dev.nabla.ml.preprocessing.AffineScaling;
import dev.nabla.ml.preprocessing.MinMaxScaler;
import dev.nabla.ml.preprocessing.StandardScaler;
import dev.nabla.ml.selection.CrossValidation;
import dev.nabla.ml.selection.Fold;
import dev.nabla.ml.selection.GridSearch;
import dev.nabla.ml.selection.KFold;
import dev.nabla.ml.selection.RandomSearch;
import dev.nabla.ml.selection.SearchResult;
import dev.nabla.ml.selection.StratifiedKFold;
import dev.nabla.ml.selection.TrainTestSplit;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SelectionTest {

    @Test
    void kfoldPartitionsTheRows() {
        List<Fold> folds = new KFold(3, true, 7).split(10);
        assertEquals(3, folds.size());
        long[] allTest = folds.stream().flatMapToLong(f -> Arrays.stream(f.testIndices().toLongArray())).sorted().toArray();
        assertArrayEquals(LongStream.range(0, 10).toArray(), allTest);
        assertArrayEquals(new int[] {4, 3, 3}, folds.stream().mapToInt(f -> f.testIndices().numel()).toArray());
        for (Fold f : folds) {
            long[] both = LongStream.concat(Arrays.stream(f.trainIndices().toLongArray()),
                    Arrays.stream(f.testIndices().toLongArray())).sorted().toArray();
            assertArrayEquals(LongStream.range(0, 10).toArray(), both);
        }
        List<Fold> plain = new KFold(2, false, 0).split(4);
        assertArrayEquals(new long[] {0, 1}, plain.get(0).testIndices().toLongArray());
        assertThrows(IllegalArgumentException.class, () -> new KFold(5, false, 0).split(3));
    }

    /** y = x·w + noise with many features relative to the rows. */
    private static Tensor[] noisyRegression() {
        int n = 60;
        Tensor x = Data.normal(101, n, 20);
        Tensor w = Data.normal(102, 20, 1).reshape(20);
        Tensor y = x.matmul(w).add(Data.normal(103, n, 1).reshape(n).mul(2));
        return new Tensor[] {x, y};
    }

    @Test
    void crossValidationScoresEachFoldOnHeldOutRows() {
        Tensor[] xy = noisyRegression();
        KFold kfold = new KFold(4, true, 1);
        double[] scores = CrossValidation.scores(Ridge.of(1), xy[0], xy[1], kfold);
        List<Fold> folds = kfold.split(60);
        for (int f = 0; f < 4; f++) {
            Fold fold = folds.get(f);
            LinearModel m = Ridge.of(1).fit(fold.train(xy[0]), fold.train(xy[1]));
            assertEquals(m.score(fold.test(xy[0]), fold.test(xy[1])), scores[f], 1e-12);
        }
    }

    @Test
    void gridAndRandomSearchPickTheBestCandidate() {
        Tensor[] xy = noisyRegression();
        KFold kfold = new KFold(5, true, 2);
        List<Double> alphas = List.of(1e-6, 10.0, 1e5);
        SearchResult<Double> grid = GridSearch.search(alphas, Ridge::of, xy[0], xy[1], kfold);
        for (int i = 0; i < 3; i++) {
            assertEquals(CrossValidation.meanScore(Ridge.of(alphas.get(i)), xy[0], xy[1], kfold), grid.meanScores()[i],
                    1e-12);
            assertTrue(grid.bestScore() >= grid.meanScores()[i]);
        }
        assertEquals(alphas.get(argMax(grid.meanScores())), grid.best());
        // a penalty of 1e5 shrinks the strong planted signal to nothing (R² near 0): it must not win
        assertTrue(grid.best() < 1e5 && grid.meanScores()[2] < 0.1, Arrays.toString(grid.meanScores()));
        SearchResult<Double> random = RandomSearch.search(g -> Math.pow(10, -3 + 7 * g.nextDouble()), 6, 4, Ridge::of,
                xy[0], xy[1], kfold);
        assertEquals(6, random.candidates().size());
        assertTrue(random.candidates().stream().allMatch(a -> a >= 1e-3 && a <= 1e4));
        assertEquals(Arrays.stream(random.meanScores()).max().orElseThrow(), random.bestScore());
    }

    private static int argMax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }

    @Test
    void trainTestSplitPartitionsRowsReproducibly() {
        Tensor x = Tensor.arange(0, 20, 1, dev.nabla.DType.FLOAT64, dev.nabla.Device.CPU).reshape(10, 2);
        Tensor y = Tensor.arange(0, 10, 1, dev.nabla.DType.FLOAT64, dev.nabla.Device.CPU);
        TrainTestSplit split = TrainTestSplit.of(x, y, 0.3, 5);
        assertEquals(3, split.xTest().size(0));
        assertEquals(7, split.yTrain().size(0));
        // rows stay paired with their targets
        assertArrayEquals(split.yTest().mul(2).toDoubleArray(), split.xTest().select(1, 0).toDoubleArray());
        double[] all = Tensor.cat(0, split.yTrain(), split.yTest()).toDoubleArray();
        Arrays.sort(all);
        assertArrayEquals(y.toDoubleArray(), all);
        assertArrayEquals(split.yTest().toDoubleArray(), TrainTestSplit.of(x, y, 0.3, 5).yTest().toDoubleArray());
        // the test size is rounded up, as scikit-learn does: ceil(0.21·10) = 3 (rounding gave 2), ceil(0.01·10) = 1
        assertEquals(3, TrainTestSplit.of(x, y, 0.21, 5).xTest().size(0));
        assertEquals(1, TrainTestSplit.of(x, y, 0.01, 5).xTest().size(0));
        // ceil(0.99·10) = 10 leaves no training rows
        assertThrows(IllegalArgumentException.class, () -> TrainTestSplit.of(x, y, 0.99, 5));
    }

    @Test
    void scalersMapTrainingStatisticsAndInvert() {
        Tensor x = Data.matrix(new double[][] {{1, 10, 5}, {3, 20, 5}, {5, 60, 5}});
        AffineScaling std = StandardScaler.defaults().fit(x);
        Tensor z = std.transform(x);
        assertArrayEquals(new double[] {0, 0, 0}, z.mean(0).toDoubleArray(), 1e-12);
        // population std of (1,3,5) is sqrt(8/3); the constant column keeps scale 1
        assertArrayEquals(new double[] {-2 / Math.sqrt(8.0 / 3), 0, 2 / Math.sqrt(8.0 / 3)},
                z.select(1, 0).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {0, 0, 0}, z.select(1, 2).toDoubleArray(), 1e-12);
        assertArrayEquals(x.toDoubleArray(), std.inverseTransform(z).toDoubleArray(), 1e-12);
        AffineScaling mm = new MinMaxScaler(-1, 1).fit(x);
        assertArrayEquals(new double[] {-1, -0.6, 1}, mm.transform(x).select(1, 1).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {0}, mm.transform(Data.matrix(new double[][] {{3, 35, 5}})).narrow(1, 0, 1)
                .flatten().toDoubleArray(), 1e-12);
        assertArrayEquals(x.toDoubleArray(), mm.inverseTransform(mm.transform(x)).toDoubleArray(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new MinMaxScaler(1, 1));
        assertThrows(IllegalArgumentException.class, () -> mm.transform(Data.normal(1, 2, 2)));
    }


    @Test
    void stratifiedKFoldMatchesScikitLearnAndKeepsClassShares() {
        com.fasterxml.jackson.databind.JsonNode small = Fixtures.json("sklearn_small.json");
        com.fasterxml.jackson.databind.JsonNode labels = small.get("labels");
        int[] y = new int[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i).asInt();
        }
        List<Fold> folds = new StratifiedKFold(3, false, 0).split(Data.labels(y));
        for (int f = 0; f < 3; f++) {
            com.fasterxml.jackson.databind.JsonNode expected = small.get("stratified_3_fold_tests").get(f);
            long[] test = folds.get(f).testIndices().toLongArray();
            assertEquals(expected.size(), test.length, "fold " + f);
            for (int i = 0; i < test.length; i++) {
                assertEquals(expected.get(i).asLong(), test[i], "fold " + f + " row " + i);
            }
        }
        // shuffled: every row is tested once and each fold holds 3 or 4 rows of each of the three classes
        int[] sorted = new int[30];
        for (int i = 0; i < 30; i++) {
            sorted[i] = i / 10;
        }
        int[] tested = new int[30];
        for (Fold fold : new StratifiedKFold(3, true, 4).split(Data.labels(sorted))) {
            int[] perClass = new int[3];
            for (long i : fold.testIndices().toLongArray()) {
                tested[(int) i]++;
                perClass[sorted[(int) i]]++;
            }
            assertArrayEquals(new int[] {3, 3, 3}, new int[] {Math.min(perClass[0], 3), Math.min(perClass[1], 3),
                    Math.min(perClass[2], 3)});
            assertTrue(Arrays.stream(perClass).allMatch(c -> c == 3 || c == 4), Arrays.toString(perClass));
        }
        assertTrue(Arrays.stream(tested).allMatch(t -> t == 1));
    }

    @Test
    void unshuffledKFoldOnSortedLabelsWarnsAndStratifiedKFoldScoresWell() {
        // regression: KFold on class-sorted rows tested every fold on a class it never trained on, scoring
        // [0, 0, 0] silently; scikit-learn's cross_val_score stratifies for classifiers
        Tensor[] xy = Data.blobs(61, new double[][] {{0, 0}, {4, 0}, {0, 4}}, 30, 0.7);
        double[][] plain = new double[1][];
        String log = Logs.during(() -> plain[0] = CrossValidation.scores(LogisticRegression.of(0.01), xy[0], xy[1],
                new KFold(3, false, 0)));
        assertArrayEquals(new double[] {0, 0, 0}, plain[0]);
        assertTrue(log.contains("absent from its training rows"), log);
        double[][] stratified = new double[1][];
        String quiet = Logs.during(() -> stratified[0] = CrossValidation.scores(LogisticRegression.of(0.01), xy[0],
                xy[1], new StratifiedKFold(3, false, 0)));
        assertTrue(Arrays.stream(stratified[0]).allMatch(s -> s > 0.9), Arrays.toString(stratified[0]));
        assertEquals(0, Logs.warnings(quiet), quiet);
    }
}
