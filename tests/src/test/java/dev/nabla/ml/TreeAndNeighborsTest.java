package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.ml.neighbors.KNearestNeighbors;
import dev.nabla.ml.neighbors.KnnModel;
import dev.nabla.ml.selection.KFold;
import dev.nabla.ml.selection.SearchResult;
import dev.nabla.ml.tree.Criterion;
import dev.nabla.ml.tree.DecisionTree;
import dev.nabla.ml.tree.DecisionTreeModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreeAndNeighborsTest {

    /** Points uniform in [-1, 1]² labelled by the sign of x₁·x₂. */
    private static Tensor[] xorCloud(long seed, int n) {
        Generator gen = new Generator(seed);
        double[] x = new double[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = 2 * gen.nextDouble() - 1;
            x[2 * i + 1] = 2 * gen.nextDouble() - 1;
            y[i] = x[2 * i] * x[2 * i + 1] > 0 ? 1 : 0;
        }
        return new Tensor[] {Tensor.of(x, n, 2), Data.labels(y)};
    }

    @Test
    void impurityMeasuresMatchHandValues() {
        assertEquals(0.5, Criterion.GINI.impurity(new double[] {2, 2}, 4), 1e-15);
        assertEquals(1.0, Criterion.ENTROPY.impurity(new double[] {2, 2}, 4), 1e-15);
        assertEquals(1 - (1.0 / 9 + 4.0 / 9), Criterion.GINI.impurity(new double[] {1, 2}, 3), 1e-15);
        assertEquals(0, Criterion.ENTROPY.impurity(new double[] {0, 5}, 5), 1e-15);
    }

    @Test
    void depthTwoTreeFitsTheFourPointXor() {
        Tensor x = Data.matrix(new double[][] {{0, 0}, {1, 1}, {0, 1}, {1, 0}});
        Tensor y = Data.labels(0, 0, 1, 1);
        for (Criterion c : Criterion.values()) {
            DecisionTreeModel tree = new DecisionTree(c, 2, 1).fit(x, y);
            assertArrayEquals(new long[] {0, 0, 1, 1}, tree.predict(x).toLongArray());
            assertEquals(2, tree.depth());
            assertEquals(4, tree.leafCount());
        }
        // a stump cannot: every single split leaves both sides half and half
        assertTrue(new DecisionTree(Criterion.GINI, 1, 1).fit(x, y).score(x, y) <= 0.75);
    }

    @Test
    void treeLearnsNoisyXorAndRespectsItsLimits() {
        Tensor[] train = xorCloud(61, 400);
        Tensor[] test = xorCloud(62, 400);
        DecisionTreeModel full = DecisionTree.defaults().fit(train[0], train[1]);
        assertEquals(1.0, full.score(train[0], train[1]));
        assertTrue(full.score(test[0], test[1]) > 0.9, "held-out " + full.score(test[0], test[1]));
        DecisionTreeModel limited = new DecisionTree(Criterion.ENTROPY, 3, 20).fit(train[0], train[1]);
        assertTrue(limited.depth() <= 3);
        double[] p = limited.predictProba(train[0]).toDoubleArray();
        // with at least 20 rows per leaf every leaf frequency is a multiple of 1/m for some m >= 20
        for (int i = 0; i < 2 * 400; i += 2) {
            assertEquals(1.0, p[i] + p[i + 1], 1e-12);
        }
        assertTrue(limited.leafCount() <= 400 / 20);
    }

    @Test
    void knnVotesOverTheNearestRows() {
        Tensor x = Data.matrix(new double[][] {{0, 0}, {0, 1}, {1, 0}, {5, 5}, {5, 6}, {6, 5}});
        Tensor y = Data.labels(4, 4, 4, 9, 9, 9);
        KnnModel model = KNearestNeighbors.of(3).fit(x, y);
        Tensor q = Data.matrix(new double[][] {{0.2, 0.1}, {5.5, 5.5}, {3, 3.2}});
        assertArrayEquals(new long[] {4, 9, 9}, model.predict(q).toLongArray());
        assertArrayEquals(new long[] {0, 2, 1}, model.neighbors(q).narrow(0, 0, 1).flatten().toLongArray());
        assertArrayEquals(new double[] {1, 0, 0, 1, 0, 1}, model.predictProba(q).toDoubleArray(), 1e-12);
    }

    @Test
    void knnWithCrossValidatedKClassifiesBlobs() {
        Tensor[] train = Data.blobs(63, new double[][] {{0, 0}, {2.5, 0}, {0, 2.5}}, 40, 0.9);
        Tensor[] test = Data.blobs(64, new double[][] {{0, 0}, {2.5, 0}, {0, 2.5}}, 40, 0.9);
        SearchResult<Integer> k = KNearestNeighbors.selectK(List.of(1, 5, 15), train[0], train[1],
                new KFold(4, true, 1));
        assertEquals(3, k.meanScores().length);
        assertTrue(k.bestScore() >= k.meanScores()[0]);
        // with overlapping blobs one neighbour over-fits: a larger k wins
        assertTrue(k.best() > 1, "chosen k " + k.best());
        KnnModel model = new KNearestNeighbors(k.best(), 7).fit(train[0], train[1]);
        // centres 2.5 apart with sd 0.9: the Bayes classifier itself errs on roughly 15% of rows
        assertTrue(model.score(test[0], test[1]) > 0.8, "held-out " + model.score(test[0], test[1]));
        // batching does not change the answer
        assertArrayEquals(KNearestNeighbors.of(k.best()).fit(train[0], train[1]).predict(test[0]).toLongArray(),
                model.predict(test[0]).toLongArray());
    }

    @Test
    void knnRejectsKLargerThanTheSampleCount() {
        Tensor x = Data.normal(1, 4, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> KNearestNeighbors.of(5).fit(x, Data.labels(0, 1, 0, 1)));
        assertTrue(e.getMessage().contains("k = 5") && e.getMessage().contains("4"), e.getMessage());
    }


    @Test
    void unlimitedDepthOnAlternatingLabelsGrowsWithoutRecursion() throws InterruptedException {
        // regression: growth, depth() and leafCount() recursed once per level and overflowed the stack at n = 3000;
        // a thread with a 256 KB stack (the tests' JVM runs with -Xss8m) shows the depth no longer matters
        int n = 3000;
        double[] x = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i % 2;
        }
        Tensor xs = Tensor.of(x, n, 1);
        DecisionTreeModel[] model = new DecisionTreeModel[1];
        int[] shape = new int[2];
        Throwable[] failure = new Throwable[1];
        Thread small = new Thread(null, () -> {
            try {
                model[0] = DecisionTree.defaults().fit(xs, Data.labels(y));
                shape[0] = model[0].leafCount();
                shape[1] = model[0].depth();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "small-stack", 256 * 1024);
        small.start();
        small.join();
        assertEquals(null, failure[0]);
        assertEquals(n, shape[0], "every point is its own pure leaf");
        assertTrue(shape[1] >= 11 && shape[1] < n, "depth " + shape[1]);
        assertEquals(1.0, model[0].score(xs, Data.labels(y)));
    }

    @Test
    void streamedNeighboursEqualABruteForceRanking() {
        // 5000 training rows cross the 2048-row score blocks, 7 query rows per block cross the query blocks
        Tensor train = Data.normal(95, 5000, 4);
        Tensor queries = Data.normal(96, 30, 4);
        int[] labels = new int[5000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }
        KnnModel model = new KNearestNeighbors(6, 7).fit(train, Data.labels(labels));
        long[] got = model.neighbors(queries).toLongArray();
        double[] t = train.toDoubleArray();
        double[] q = queries.toDoubleArray();
        for (int i = 0; i < 30; i++) {
            double[] dist = new double[5000];
            Integer[] order = new Integer[5000];
            for (int j = 0; j < 5000; j++) {
                order[j] = j;
                for (int c = 0; c < 4; c++) {
                    dist[j] += (q[i * 4 + c] - t[j * 4 + c]) * (q[i * 4 + c] - t[j * 4 + c]);
                }
            }
            java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(j -> dist[j]));
            for (int r = 0; r < 6; r++) {
                assertEquals(order[r].longValue(), got[i * 6 + r], "query " + i + " neighbour " + r);
            }
        }
    }
}
