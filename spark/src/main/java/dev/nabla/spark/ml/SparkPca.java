package dev.nabla.spark.ml;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.ml.decomposition.PcaModel;
import dev.nabla.ml.linalg.HostLinalg;
import org.apache.spark.api.java.JavaRDD;
import org.ejml.data.DMatrixRMaj;

/**
 * Principal component analysis of a Spark data set by the eigen-decomposition of the sample
 * covariance, aggregated from the executors ({@link Moments}); the same model as
 * {@link dev.nabla.ml.decomposition.Pca} with {@code COVARIANCE_EIGEN}: unit components signed so
 * their largest-magnitude entry is positive, sample (n - 1) variances, ratios of the total variance.
 *
 * @param components the number of components kept, at most the number of features
 */
public record SparkPca(int components) {

    /** Validates the setting. */
    public SparkPca {
        if (components < 1) {
            throw new IllegalArgumentException("SparkPca: components must be positive, got " + components);
        }
    }

    /** Fits the principal axes of {@code rows}. */
    public PcaModel fit(JavaRDD<double[]> rows) {
        try (Blocks data = Blocks.of(rows, "SparkPca.fit")) {
            int d = data.cols();
            if (components > d || data.rows() < 2) {
                throw new IllegalArgumentException("SparkPca.fit: cannot keep " + components + " components of " + data.rows()
                        + " rows of " + d + " features (need components <= " + d + " and at least 2 rows)");
            }
            Moments m = Moments.of(data, false, true);
            DMatrixRMaj covariance = m.gram().copy();
            org.ejml.dense.row.CommonOps_DDRM.divide(covariance, m.rows() - 1);
            HostLinalg.Eigen axes = HostLinalg.symmetricEigen("SparkPca.fit", covariance);
            double total = org.ejml.dense.row.CommonOps_DDRM.trace(covariance);
            double[] comps = new double[components * d];
            double[] variance = new double[components];
            double[] ratio = new double[components];
            for (int c = 0; c < components; c++) {
                int largest = 0;
                for (int j = 1; j < d; j++) {
                    if (Math.abs(axes.vectors().get(j, c)) > Math.abs(axes.vectors().get(largest, c))) {
                        largest = j;
                    }
                }
                double sign = Math.signum(axes.vectors().get(largest, c));
                for (int j = 0; j < d; j++) {
                    comps[c * d + j] = sign * axes.vectors().get(j, c);
                }
                variance[c] = Math.max(axes.values()[c], 0);
                ratio[c] = total == 0 ? 0 : variance[c] / total;
            }
            return new PcaModel(vector(m.mean()), vector(comps).reshape(components, d), vector(variance), vector(ratio));
        }
    }

    private static Tensor vector(double[] values) {
        return Tensor.of(values, values.length).to(Device.CPU).to(DType.FLOAT64);
    }
}
