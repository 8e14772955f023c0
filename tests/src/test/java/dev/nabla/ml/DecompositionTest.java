package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Tensor;
import dev.nabla.ml.decomposition.KernelPca;
import dev.nabla.ml.decomposition.KernelPcaModel;
import dev.nabla.ml.decomposition.Pca;
import dev.nabla.ml.decomposition.PcaModel;
import dev.nabla.ml.kernel.Kernel;
import dev.nabla.ml.linear.LogisticRegression;
import org.junit.jupiter.api.Test;

class DecompositionTest {

    private static final double[] U1 = unit(1, 2, 0, -1, 1);
    private static final double[] U2 = unit(2, -1, 1, 0, 0);

    private static double[] unit(double... v) {
        double n = Math.sqrt(java.util.Arrays.stream(v).map(a -> a * a).sum());
        return java.util.Arrays.stream(v).map(a -> a / n).toArray();
    }

    /** x = 5·z₁·u₁ + 2·z₂·u₂ + 0.05·noise + offset, with u₁ ⟂ u₂. */
    private static Tensor planted() {
        int n = 400;
        Tensor z = Data.normal(91, n, 2);
        Tensor dirs = Data.matrix(new double[][] {U1, U2});
        Tensor scaled = z.mul(Data.vector(5, 2));
        return scaled.matmul(dirs).add(Data.normal(92, n, 5).mul(0.05)).add(Data.vector(1, 2, 3, 4, 5));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void pcaFindsThePlantedDirections() {
        Tensor x = planted();
        for (Pca.Method method : Pca.Method.values()) {
            PcaModel model = new Pca(2, method).fit(x);
            double[] comps = model.components().toDoubleArray();
            assertEquals(1, Math.abs(dot(Data.row(comps, 5, 0), U1)), 1e-3, method + " first axis");
            assertEquals(1, Math.abs(dot(Data.row(comps, 5, 1), U2)), 1e-3, method + " second axis");
            double[] variance = model.explainedVariance().toDoubleArray();
            assertEquals(25, variance[0], 4);
            assertEquals(4, variance[1], 0.8);
            double[] ratio = model.explainedVarianceRatio().toDoubleArray();
            assertTrue(ratio[0] + ratio[1] > 0.999 && ratio[0] + ratio[1] <= 1 + 1e-12);
        }
        // both methods give the same answer
        PcaModel eig = new Pca(3, Pca.Method.COVARIANCE_EIGEN).fit(x);
        PcaModel svd = new Pca(3, Pca.Method.SVD).fit(x);
        assertArrayEquals(eig.components().toDoubleArray(), svd.components().toDoubleArray(), 1e-8);
        assertArrayEquals(eig.explainedVariance().toDoubleArray(), svd.explainedVariance().toDoubleArray(), 1e-8);
    }

    @Test
    void pcaProjectionAndInverse() {
        Tensor x = planted();
        PcaModel full = Pca.of(5).fit(x);
        assertArrayEquals(x.toDoubleArray(), full.inverseTransform(full.transform(x)).toDoubleArray(), 1e-10);
        PcaModel two = Pca.of(2).fit(x);
        Tensor z = two.transform(x);
        // the projected coordinates are uncorrelated with the explained variances on the diagonal
        Tensor cov = z.t().matmul(z).div(x.size(0) - 1);
        double[] v = two.explainedVariance().toDoubleArray();
        assertArrayEquals(new double[] {v[0], 0, 0, v[1]}, cov.toDoubleArray(), 1e-8);
        double residual = x.sub(two.inverseTransform(z)).pow(2).mean().item();
        assertTrue(residual < 0.05 * 0.05 * 1.2, "reconstruction error " + residual);
        assertThrows(IllegalArgumentException.class, () -> Pca.of(6).fit(x));
        assertThrows(IllegalArgumentException.class, () -> two.transform(Data.normal(1, 3, 4)));
    }

    @Test
    void kernelPcaWithLinearKernelMatchesPca() {
        Tensor x = planted();
        PcaModel pca = Pca.of(2).fit(x);
        KernelPcaModel kpca = new KernelPca(Kernel.linear(), 2).fit(x);
        double[] p = pca.transform(x).toDoubleArray();
        double[] k = kpca.transform(x).toDoubleArray();
        // the linear kernel's centred Gram eigenvalues are (n - 1) times the covariance ones; projections agree up to sign
        assertArrayEquals(pca.explainedVariance().mul(x.size(0) - 1).toDoubleArray(), kpca.eigenvalues().toDoubleArray(),
                1e-6);
        for (int c = 0; c < 2; c++) {
            double sign = Math.signum(p[c] * k[c]);
            for (int i = 0; i < x.size(0); i++) {
                assertEquals(p[2 * i + c], sign * k[2 * i + c], 1e-8);
            }
        }
    }

    @Test
    void rbfKernelPcaUnfoldsConcentricCircles() {
        Tensor[] train = Data.circles(93, 60, 0.3);
        Tensor[] test = Data.circles(94, 60, 0.3);
        KernelPcaModel kpca = new KernelPca(Kernel.rbf(0.5), 3).fit(train[0]);
        double rbf = LogisticRegression.of(1e-3).fit(kpca.transform(train[0]), train[1])
                .score(kpca.transform(test[0]), test[1]);
        assertTrue(rbf > 0.95, "a linear classifier on RBF kernel-PCA features, accuracy " + rbf);
        PcaModel pca = Pca.of(2).fit(train[0]);
        double linear = LogisticRegression.of(1e-3).fit(pca.transform(train[0]), train[1])
                .score(pca.transform(test[0]), test[1]);
        assertTrue(linear < 0.7, "on linear PCA features, accuracy " + linear);
    }


    @Test
    void svdPcaRejectsMoreComponentsThanRows() {
        // regression: SVD PCA returned all-zero "unit" component rows beyond the rank; scikit-learn raises
        Tensor x = Data.normal(91, 5, 10);
        for (Pca.Method method : Pca.Method.values()) {
            var e = assertThrows(IllegalArgumentException.class, () -> new Pca(6, method).fit(x));
            assertTrue(e.getMessage().contains("min(rows, columns) = 5"), e.getMessage());
            // every component kept is a unit vector
            double[] c = new Pca(5, method).fit(x).components().toDoubleArray();
            for (int k = 0; k < 5; k++) {
                double norm = 0;
                for (int j = 0; j < 10; j++) {
                    norm += c[k * 10 + j] * c[k * 10 + j];
                }
                assertEquals(1, norm, 1e-12, method + " component " + k);
            }
        }
    }
}
