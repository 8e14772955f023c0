package dev.nabla.ml.decomposition;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.UnsupervisedLearner;
import dev.nabla.ml.linalg.HostLinalg;
import dev.nabla.ml.linalg.Centered;
import dev.nabla.ml.linalg.HostMatrices;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Principal component analysis of centred data. Components are unit vectors, signed so that their
 * largest-magnitude entry is positive (a deterministic choice among ±v).
 *
 * @param components number of components kept, at most {@code min(n, d)} (more is an error, as in scikit-learn)
 * @param method covariance eigen-decomposition ({@code XᵀX} on the device, a {@code d × d} eigen
 *     problem on the host) or SVD of the centred data on the host (better conditioned)
 */
public record Pca(int components, Method method) implements UnsupervisedLearner<PcaModel> {

    /** How the principal axes are computed. */
    public enum Method {
        /** Eigen-decomposition of the sample covariance. */
        COVARIANCE_EIGEN,
        /** Singular value decomposition of the centred data matrix. */
        SVD
    }

    /** Validates the settings. */
    public Pca {
        Inputs.requirePositive("Pca", "components", components);
        Objects.requireNonNull(method, "Pca: method");
    }

    /** {@code components} components by covariance eigen-decomposition. */
    public static Pca of(int components) {
        return new Pca(components, Method.COVARIANCE_EIGEN);
    }

    @Override
    public PcaModel fit(Tensor x) {
        Inputs.requireMatrix("Pca.fit", x);
        int n = x.size(0);
        int d = x.size(1);
        if (components > Math.min(n, d) || n < 2) {
            // as scikit-learn: beyond min(n, d) there are no more principal axes to return
            throw new IllegalArgumentException("Pca.fit: cannot keep " + components + " components of data with shape "
                    + x.shape() + " (need components <= min(rows, columns) = " + Math.min(n, d)
                    + " and at least 2 rows)");
        }
        Tensor mean = Centered.mean(x);
        double scale = Centered.overflowScale(x, d);
        HostLinalg.Eigen axes;
        double[] variances;
        double total;
        if (method == Method.COVARIANCE_EIGEN) {
            DMatrixRMaj covariance = HostMatrices.toHost(Centered.crossProducts(x, mean, scale, null, null, 1)[0]);
            CommonOps_DDRM.scale(scale * scale / (n - 1), covariance);
            axes = HostLinalg.symmetricEigen("Pca.fit", covariance);
            variances = axes.values().clone();
            total = CommonOps_DDRM.trace(covariance);
        } else {
            axes = HostLinalg.rightSingular("Pca.fit", HostMatrices.toHost(x.sub(mean)));
            variances = new double[axes.values().length];
            total = 0;
            for (int i = 0; i < variances.length; i++) {
                variances[i] = axes.values()[i] * axes.values()[i] / (n - 1);
                total += variances[i];
            }
        }
        double[] comps = new double[components * d];
        double[] explained = new double[components];
        double[] ratio = new double[components];
        for (int c = 0; c < components; c++) {
            double[] v = column(axes.vectors(), c);
            double sign = Math.signum(v[argMaxAbs(v)]);
            for (int j = 0; j < d; j++) {
                comps[c * d + j] = sign * v[j];
            }
            explained[c] = Math.max(variances[c], 0);
            ratio[c] = total == 0 ? 0 : explained[c] / total;
        }
        return new PcaModel(mean, vector(comps, x).reshape(components, d), vector(explained, x), vector(ratio, x));
    }

    private static double[] column(DMatrixRMaj m, int c) {
        double[] v = new double[m.getNumRows()];
        for (int r = 0; r < v.length; r++) {
            v[r] = m.get(r, c);
        }
        return v;
    }

    private static int argMaxAbs(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i]) > Math.abs(v[best])) {
                best = i;
            }
        }
        return best;
    }

    private static Tensor vector(double[] values, Tensor like) {
        return Tensor.of(values, values.length).to(like.device()).to(like.dtype());
    }
}
