package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Tensor;
import dev.nabla.ml.cluster.GaussianMixture;
import dev.nabla.ml.cluster.KMeans;
import dev.nabla.ml.decomposition.Pca;
import dev.nabla.ml.kernel.Kernel;
import dev.nabla.ml.kernel.KernelPerceptron;
import dev.nabla.ml.linear.LogisticRegression;
import dev.nabla.ml.neighbors.KNearestNeighbors;
import dev.nabla.ml.tree.DecisionTree;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Every learner rejects malformed input with a message naming the operation and the offending shape or value. */
class BadInputTest {

    private static final Tensor X = Data.normal(121, 10, 3);
    private static final Tensor Y = Data.labels(0, 1, 0, 1, 0, 1, 0, 1, 0, 1);

    private static Tensor withNan() {
        double[] v = X.toDoubleArray();
        v[4] = Double.NaN;
        return Tensor.of(v, 10, 3);
    }

    private static void assertRejected(Supplier<?> call, String... fragments) {
        var e = assertThrows(IllegalArgumentException.class, call::get);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void nanInFeaturesIsRejected() {
        Tensor bad = withNan();
        assertRejected(() -> LogisticRegression.of(1).fit(bad, Y), "LogisticRegression.fit", "NaN");
        assertRejected(() -> KMeans.of(2, 0).fit(bad), "KMeans.fit", "NaN");
        assertRejected(() -> Pca.of(2).fit(bad), "Pca.fit", "NaN");
        assertRejected(() -> DecisionTree.defaults().fit(bad, Y), "DecisionTree.fit", "NaN");
        assertRejected(() -> KNearestNeighbors.of(1).fit(X, Y).predict(bad), "NaN");
    }

    @Test
    void mismatchedLengthsAreRejected() {
        Tensor shortY = Y.narrow(0, 0, 9);
        for (SupervisedLearner<?> learner : List.<SupervisedLearner<?>>of(KNearestNeighbors.of(1),
                DecisionTree.defaults(), new KernelPerceptron(Kernel.linear(), 5), LogisticRegression.of(1))) {
            assertRejected(() -> learner.fit(X, shortY), "10 rows", "[9]");
        }
    }

    @Test
    void wrongFeatureCountAtPredictIsRejected() {
        Tensor wide = Data.normal(122, 4, 4);
        assertRejected(() -> DecisionTree.defaults().fit(X, Y).predict(wide), "fitted on 3 features but X has 4");
        assertRejected(() -> KMeans.of(2, 0).fit(X).predict(wide), "fitted on 3 features but X has 4");
        assertRejected(() -> GaussianMixture.of(2, 0).fit(X).predict(wide), "fitted on 3 features but X has 4");
        assertRejected(() -> new KernelPerceptron(Kernel.rbf(1), 5).fit(X, Y).predict(wide),
                "fitted on 3 features but X has 4");
    }

    @Test
    void countsLargerThanTheSampleAreRejected() {
        assertRejected(() -> KNearestNeighbors.of(11).fit(X, Y), "k = 11", "10");
        assertRejected(() -> GaussianMixture.of(11, 0).fit(X), "k = 11");
        assertRejected(() -> KMeans.of(0, 0), "k must be positive");
        assertRejected(() -> LogisticRegression.of(1).fit(X.reshape(30), Y), "matrix");
    }
}
