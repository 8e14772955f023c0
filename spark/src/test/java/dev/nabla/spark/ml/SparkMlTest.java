package dev.nabla.spark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.ml.cluster.CovarianceType;
import dev.nabla.ml.cluster.EmVariant;
import dev.nabla.ml.cluster.GaussianMixture;
import dev.nabla.ml.cluster.GaussianMixtureModel;
import dev.nabla.ml.cluster.KMeans;
import dev.nabla.ml.cluster.KMeansModel;
import dev.nabla.ml.decomposition.Pca;
import dev.nabla.ml.decomposition.PcaModel;
import dev.nabla.ml.linear.LinearModel;
import dev.nabla.ml.linear.LinearRegression;
import dev.nabla.ml.linear.LogisticModel;
import dev.nabla.ml.linear.LogisticRegression;
import dev.nabla.ml.linear.Ridge;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each distributed learner against its single-machine counterpart on the same rows, spread over three
 * partitions (so statistics really are summed across blocks): the same model to solver tolerance, or
 * the same clusters under a fixed seed.
 */
class SparkMlTest {

    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkMlTest")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    /** {@code n} rows of {@code d} features: three blobs (centres 6 apart) or, with spread 0, correlated noise. */
    private static double[][] rows(int n, int d, double spread, long seed) {
        double[] noise = Tensor.normal(new Generator(seed), 0, 1, DType.FLOAT64, Device.CPU, n, d).toDoubleArray();
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = noise[i * d + j] + (j > 0 ? 0.5 * noise[i * d + j - 1] : 0) + spread * ((i % 3) == j % 3 ? 1 : 0);
            }
        }
        return x;
    }

    private static JavaRDD<double[]> rdd(double[][] x) {
        return spark.parallelize(Arrays.asList(x), 3);
    }

    private static JavaRDD<LabeledPoint> labelled(double[][] x, double[] y) {
        List<LabeledPoint> points = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            points.add(new LabeledPoint(x[i], y[i]));
        }
        return spark.parallelize(points, 3);
    }

    private static Tensor tensor(double[][] x) {
        return Tensor.of(x).to(Device.CPU);
    }

    /** The same rows up to their order (cluster numbering is arbitrary). */
    private static void assertSameRowsInAnyOrder(Tensor expected, Tensor actual, double tolerance) {
        double[][] a = sortedRows(expected);
        double[][] b = sortedRows(actual);
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], tolerance, "row " + i);
        }
    }

    private static double[][] sortedRows(Tensor m) {
        double[][] r = new double[m.size(0)][];
        for (int i = 0; i < r.length; i++) {
            r[i] = m.select(0, i).toDoubleArray();
        }
        Arrays.sort(r, Comparator.comparingDouble((double[] row) -> row[0]).thenComparingDouble(row -> row[1]));
        return r;
    }

    @Test
    void kMeansFindsTheSameClusters() {
        double[][] x = rows(600, 3, 6, 1);
        KMeansModel local = KMeans.of(3, 7).fit(tensor(x));
        KMeansModel distributed = SparkKMeans.of(3, 7).fit(rdd(x));
        assertSameRowsInAnyOrder(local.centroids(), distributed.centroids(), 1e-9);
        assertEquals(local.inertia(), distributed.inertia(), 1e-7 * local.inertia());
        assertTrue(distributed.converged());
    }

    @Test
    void pcaMatchesTheCovarianceEigenDecomposition() {
        double[][] x = rows(500, 5, 0, 2);
        PcaModel local = Pca.of(3).fit(tensor(x));
        PcaModel distributed = new SparkPca(3).fit(rdd(x));
        assertArrayEquals(local.mean().toDoubleArray(), distributed.mean().toDoubleArray(), 1e-12);
        assertArrayEquals(local.components().toDoubleArray(), distributed.components().toDoubleArray(), 1e-9);
        assertArrayEquals(local.explainedVariance().toDoubleArray(), distributed.explainedVariance().toDoubleArray(), 1e-9);
        assertArrayEquals(local.explainedVarianceRatio().toDoubleArray(), distributed.explainedVarianceRatio().toDoubleArray(),
                1e-9);
    }

    private static double[] targets(double[][] x, long seed) {
        double[] noise = Tensor.normal(new Generator(seed), 0, 0.1, DType.FLOAT64, Device.CPU, x.length).toDoubleArray();
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 3 + 2 * x[i][0] - x[i][1] + 0.5 * x[i][3] + noise[i];
        }
        return y;
    }

    @Test
    void ridgeAndOrdinaryLeastSquaresMatchTheNormalEquations() {
        double[][] x = rows(400, 4, 0, 3);
        double[] y = targets(x, 4);
        Tensor yt = Tensor.of(y, y.length).to(Device.CPU);
        for (double alpha : new double[] {0, 2.5}) {
            LinearModel local = alpha == 0 ? LinearRegression.defaults().fit(tensor(x), yt) : Ridge.of(alpha).fit(tensor(x), yt);
            LinearModel distributed = new SparkLinearRegression(alpha, true).fit(labelled(x, y));
            assertArrayEquals(local.coefficients().toDoubleArray(), distributed.coefficients().toDoubleArray(), 1e-10,
                    "alpha " + alpha);
            assertEquals(local.intercept(), distributed.intercept(), 1e-10, "alpha " + alpha);
        }
        LinearModel noIntercept = new SparkLinearRegression(1, false).fit(labelled(x, y));
        LinearModel localNoIntercept = new Ridge(1, false).fit(tensor(x), yt);
        assertArrayEquals(localNoIntercept.coefficients().toDoubleArray(), noIntercept.coefficients().toDoubleArray(), 1e-10);
        assertEquals(0, noIntercept.intercept());
    }

    @Test
    void logisticRegressionReachesTheSameOptimumBinaryAndMultinomial() {
        double[][] x = rows(300, 3, 2, 5);
        for (int classes : new int[] {2, 3}) {
            double[] y = new double[x.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = classes == 2 ? (i % 3 == 0 ? 4 : 7) : i % 3;
            }
            LogisticModel local = LogisticRegression.of(0.1).fit(tensor(x), Tensor.of(y, y.length).to(Device.CPU));
            LogisticModel distributed = SparkLogisticRegression.of(0.1).fit(labelled(x, y));
            assertArrayEquals(local.coefficients().toDoubleArray(), distributed.coefficients().toDoubleArray(), 1e-6,
                    classes + " classes");
            assertArrayEquals(local.intercepts().toDoubleArray(), distributed.intercepts().toDoubleArray(), 1e-6);
            assertArrayEquals(local.classes().toArray(), distributed.classes().toArray());
            assertTrue(distributed.converged());
        }
    }

    @Test
    void gaussianMixtureFindsTheSameComponents() {
        double[][] x = rows(450, 2, 6, 6);
        // both run EM to a tight tolerance, so each reaches the optimum its k-means start leads to
        GaussianMixtureModel local = new GaussianMixture(3, CovarianceType.FULL, EmVariant.SOFT, 1e-6, 500, 1e-10, 3)
                .fit(tensor(x));
        GaussianMixtureModel distributed = new SparkGaussianMixture(3, CovarianceType.FULL, EmVariant.SOFT, 1e-6, 500,
                1e-10, 3).fit(rdd(x));
        assertSameRowsInAnyOrder(local.means(), distributed.means(), 1e-5);
        assertEquals(local.logLikelihood(), distributed.logLikelihood(), 1e-6);
    }

    @Test
    void badInputIsRefusedClearly() {
        JavaRDD<double[]> ragged = spark.parallelize(List.of(new double[] {1, 2}, new double[] {1, 2, 3}), 1);
        SparkException e = assertThrows(SparkException.class, () -> new SparkPca(1).fit(ragged));
        assertTrue(e.getMessage().contains("rows have 2 and 3 features"), e.getMessage());
        JavaRDD<double[]> nan = spark.parallelize(List.of(new double[] {1, Double.NaN}), 1);
        assertTrue(assertThrows(SparkException.class, () -> SparkKMeans.of(1, 1).fit(nan)).getMessage().contains("NaN"));
        assertThrows(IllegalArgumentException.class, () -> SparkKMeans.of(5, 1).fit(rdd(rows(3, 2, 0, 1))));
    }
}
