package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.ml.cluster.CovarianceType;
import dev.nabla.ml.cluster.EmVariant;
import dev.nabla.ml.cluster.GaussianMixture;
import dev.nabla.ml.cluster.GaussianMixtureModel;
import dev.nabla.ml.cluster.KMeans;
import dev.nabla.ml.cluster.KMeansInit;
import dev.nabla.ml.cluster.KMeansModel;
import org.junit.jupiter.api.Test;

class ClusteringTest {

    private static final double[][] CENTRES = {{0, 0}, {6, 0}, {0, 6}};

    /** The index of the row of {@code found} ({@code [k, d]} flat) nearest to {@code target}. */
    private static int nearest(double[] found, int d, double[] target) {
        int best = -1;
        double bestDist = Double.POSITIVE_INFINITY;
        for (int i = 0; i < found.length / d; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += Math.pow(found[i * d + j] - target[j], 2);
            }
            if (s < bestDist) {
                bestDist = s;
                best = i;
            }
        }
        return best;
    }

    @Test
    void kmeansRecoversSeparatedBlobs() {
        Tensor[] xy = Data.blobs(71, CENTRES, 50, 0.5);
        KMeansModel model = KMeans.of(3, 1).fit(xy[0]);
        assertTrue(model.converged());
        double[] c = model.centroids().toDoubleArray();
        long[] assign = model.predict(xy[0]).toLongArray();
        long[] truth = xy[1].toLongArray();
        for (int k = 0; k < 3; k++) {
            int found = nearest(c, 2, CENTRES[k]);
            assertEquals(CENTRES[k][0], c[2 * found], 0.2);
            assertEquals(CENTRES[k][1], c[2 * found + 1], 0.2);
            for (int i = 0; i < truth.length; i++) {
                if (truth[i] == k) {
                    assertEquals(found, assign[i], "row " + i + " of blob " + k);
                }
            }
        }
        // inertia is the sum of squared distances to the assigned centroid, checked on the host
        double[] x = xy[0].toDoubleArray();
        double inertia = 0;
        for (int i = 0; i < assign.length; i++) {
            int a = (int) assign[i];
            inertia += Math.pow(x[2 * i] - c[2 * a], 2) + Math.pow(x[2 * i + 1] - c[2 * a + 1], 2);
        }
        assertEquals(inertia, model.inertia(), 1e-9);
        assertEquals(inertia, model.inertia(xy[0]), 1e-9);
    }

    @Test
    void kmeansPlusPlusBeatsRandomSeedingOnManySmallBlobs() {
        double[][] grid = new double[25][];
        for (int i = 0; i < 25; i++) {
            grid[i] = new double[] {4 * (i % 5), 4 * (i / 5)};
        }
        Tensor x = Data.blobs(72, grid, 12, 0.3)[0];
        double plusPlus = 0;
        double random = 0;
        for (long seed = 0; seed < 6; seed++) {
            KMeans base = new KMeans(25, KMeansInit.KMEANS_PLUS_PLUS, 1, 100, 1e-10, seed);
            plusPlus += base.fit(x).inertia();
            random += base.withInit(KMeansInit.RANDOM, 1).fit(x).inertia();
        }
        assertTrue(plusPlus < 0.8 * random, "mean inertia k-means++ " + plusPlus / 6 + " vs random " + random / 6);
        // restarts never hurt: the best of several runs is at most the first run
        double single = new KMeans(25, KMeansInit.RANDOM, 1, 100, 1e-10, 3).fit(x).inertia();
        double best = new KMeans(25, KMeansInit.RANDOM, 5, 100, 1e-10, 3).fit(x).inertia();
        assertTrue(best <= single);
    }

    @Test
    void kmeansRejectsMoreClustersThanRows() {
        var e = assertThrows(IllegalArgumentException.class, () -> KMeans.of(5, 0).fit(Data.normal(1, 4, 2)));
        assertTrue(e.getMessage().contains("k = 5"), e.getMessage());
    }

    /** Samples from N(mean, L Lᵀ) with a planted lower factor. */
    private static double[][] correlatedSample(long seed, int n, double[] mean, double[][] lower) {
        double[] z = Data.normal(seed, n, 2).toDoubleArray();
        double[][] out = new double[n][2];
        for (int i = 0; i < n; i++) {
            out[i][0] = mean[0] + lower[0][0] * z[2 * i];
            out[i][1] = mean[1] + lower[1][0] * z[2 * i] + lower[1][1] * z[2 * i + 1];
        }
        return out;
    }

    @Test
    void gaussianMixtureRecoversPlantedMeansAndCovariances() {
        double[][] l0 = {{1.0, 0}, {0.8, 0.6}};
        double[][] l1 = {{0.5, 0}, {-0.3, 1.2}};
        double[] m0 = {0, 0};
        double[] m1 = {5, 3};
        double[][] a = correlatedSample(81, 600, m0, l0);
        double[][] b = correlatedSample(82, 300, m1, l1);
        double[][] rows = new double[900][];
        System.arraycopy(a, 0, rows, 0, 600);
        System.arraycopy(b, 0, rows, 600, 300);
        Tensor x = Tensor.of(rows).to(Device.CPU);
        for (EmVariant em : EmVariant.values()) {
            GaussianMixtureModel model = GaussianMixture.of(2, 5).with(CovarianceType.FULL, em).fit(x);
            assertTrue(model.converged(), em + " converged");
            double[] means = model.means().toDoubleArray();
            double[] covs = model.covariances().toDoubleArray();
            double[] weights = model.weights().toDoubleArray();
            int i0 = nearest(means, 2, m0);
            int i1 = 1 - i0;
            assertEquals(2.0 / 3, weights[i0], 0.03, em + " weight");
            assertArrayEquals(m0, new double[] {means[2 * i0], means[2 * i0 + 1]}, 0.15, em + " mean 0");
            assertArrayEquals(m1, new double[] {means[2 * i1], means[2 * i1 + 1]}, 0.15, em + " mean 1");
            assertCovariance(l0, covs, i0, 0.3);
            assertCovariance(l1, covs, i1, 0.3);
            // the components are well separated, so EM should reproduce each group's own sample covariance
            assertArrayEquals(sampleCovariance(a), java.util.Arrays.copyOfRange(covs, 4 * i0, 4 * i0 + 4), 0.05, em + "");
            assertArrayEquals(sampleCovariance(b), java.util.Arrays.copyOfRange(covs, 4 * i1, 4 * i1 + 4), 0.05, em + "");
        }
    }

    /** The maximum-likelihood (divide by n) covariance of 2-D rows. */
    private static double[] sampleCovariance(double[][] rows) {
        double[] mean = new double[2];
        for (double[] r : rows) {
            mean[0] += r[0] / rows.length;
            mean[1] += r[1] / rows.length;
        }
        double[] cov = new double[4];
        for (double[] r : rows) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    cov[2 * i + j] += (r[i] - mean[i]) * (r[j] - mean[j]) / rows.length;
                }
            }
        }
        return cov;
    }

    private static void assertCovariance(double[][] lower, double[] covs, int component, double tol) {
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                double expected = lower[r][0] * lower[c][0] + lower[r][1] * lower[c][1];
                assertEquals(expected, covs[component * 4 + r * 2 + c], tol, "covariance " + component + " " + r + c);
            }
        }
    }

    @Test
    void diagonalMixtureLikelihoodAndPosteriorsAreConsistent() {
        Tensor[] xy = Data.blobs(83, CENTRES, 80, 0.7);
        GaussianMixtureModel model = new GaussianMixture(3, CovarianceType.DIAGONAL, EmVariant.SOFT, 1e-3, 200, 1e-9, 2)
                .fit(xy[0]);
        assertEquals(3, model.covariances().rank() == 2 ? model.covariances().size(0) : -1);
        double[] vars = model.covariances().toDoubleArray();
        for (double v : vars) {
            assertEquals(0.49 + 1e-3, v, 0.12);
        }
        // the mean log-likelihood recomputed by hand from the fitted parameters
        double[] x = xy[0].toDoubleArray();
        double[] w = model.weights().toDoubleArray();
        double[] mu = model.means().toDoubleArray();
        double ll = 0;
        for (int i = 0; i < 240; i++) {
            double p = 0;
            for (int k = 0; k < 3; k++) {
                double dens = 1;
                for (int j = 0; j < 2; j++) {
                    double v = vars[2 * k + j];
                    dens *= Math.exp(-Math.pow(x[2 * i + j] - mu[2 * k + j], 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v);
                }
                p += w[k] * dens;
            }
            ll += Math.log(p) / 240;
        }
        assertEquals(ll, model.score(xy[0]), 1e-9);
        assertEquals(ll, model.logLikelihood(), 1e-6);
        assertArrayEquals(new double[240], model.predictProba(xy[0]).sum(1).sub(1).toDoubleArray(), 1e-12);
        // one fitted component per blob: the predicted components are a relabelling of the truth
        long[] pred = model.predict(xy[0]).toLongArray();
        long[] truth = xy[1].toLongArray();
        for (int i = 0; i < 240; i++) {
            assertEquals(pred[80 * (int) truth[i]], pred[i]);
        }
    }


    @Test
    void kmeansToleranceIsRelativeToTheDataScale() {
        // regression: an absolute tolerance (1e-10 on the squared shift) made large-scale data run many more
        // iterations than the same data in small units; scikit-learn scales it by the mean column variance
        Tensor[] xy = Data.blobs(74, CENTRES, 60, 2.0);
        KMeans learner = new KMeans(3, KMeansInit.RANDOM, 1, 300, 1e-4, 5);
        KMeansModel small = learner.fit(xy[0].mul(1e-3));
        KMeansModel large = learner.fit(xy[0].mul(1e3));
        assertTrue(small.converged() && large.converged());
        assertEquals(small.iterations(), large.iterations());
        assertEquals(small.inertia() * 1e12, large.inertia(), 1e-9 * large.inertia());
    }

    @Test
    void kmeansOnValuesNear1e160KeepsFiniteInertia() {
        // regression: ‖x‖² overflowed (here 2e320), so distances and the inertia were NaN; the squared distances
        // themselves (about 1e300) are representable
        Tensor[] xy = Data.blobs(75, CENTRES, 40, 0.5);
        KMeansModel plain = KMeans.of(3, 2).fit(xy[0]);
        KMeansModel huge = KMeans.of(3, 2).fit(xy[0].mul(1e150).add(1e160));
        assertTrue(huge.converged());
        assertTrue(Double.isFinite(huge.inertia()), "inertia " + huge.inertia());
        // 1e160 + 1e150·x keeps x to about 1e-6 (the ulp of 1e160 is 2e144)
        assertEquals(plain.inertia(), huge.inertia() / 1e300, 1e-4 * plain.inertia());
        double[] c = huge.centroids().toDoubleArray();
        double[] expected = plain.centroids().toDoubleArray();
        for (int k = 0; k < 3; k++) {
            int found = nearest(c, 2, new double[] {expected[2 * k] * 1e150 + 1e160, expected[2 * k + 1] * 1e150 + 1e160});
            assertEquals(expected[2 * k], (c[2 * found] - 1e160) / 1e150, 1e-4);
            assertEquals(expected[2 * k + 1], (c[2 * found + 1] - 1e160) / 1e150, 1e-4);
        }
    }

    @Test
    void moreClustersThanDistinctPointsWarn() {
        // regression: k-means and the mixture silently returned duplicate centroids
        Tensor x = Data.matrix(new double[][] {{0, 0}, {0, 0}, {1, 1}, {1, 1}, {5, 5}, {5, 5}});
        String kmeans = Logs.during(() -> KMeans.of(4, 1).fit(x));
        assertTrue(kmeans.contains("number of distinct clusters (3) found smaller than k (4)"), kmeans);
        String mixture = Logs.during(() -> GaussianMixture.of(4, 1).with(CovarianceType.DIAGONAL, EmVariant.SOFT).fit(x));
        assertTrue(mixture.contains("distinct"), mixture);
        // a well-posed fit logs nothing
        String quiet = Logs.during(() -> KMeans.of(3, 1).fit(x));
        assertEquals(0, Logs.warnings(quiet), quiet);
    }

    @Test
    void float32FitsConverge() {
        // regression: tolerances ignored the dtype, so float32 fits ran to their iteration limit
        Tensor[] xy = Data.blobs(76, CENTRES, 60, 1.0);
        Tensor x32 = xy[0].to(dev.nabla.DType.FLOAT32);
        KMeansModel model = KMeans.of(3, 3).fit(x32);
        assertTrue(model.converged());
        assertEquals(KMeans.of(3, 3).fit(xy[0]).inertia(), model.inertia(), 1e-4 * model.inertia());
        GaussianMixtureModel mixture = GaussianMixture.of(3, 3).with(CovarianceType.DIAGONAL, EmVariant.SOFT).fit(x32);
        assertTrue(mixture.converged());
    }
}
