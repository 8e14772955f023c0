package dev.nabla.spark.ml;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.ml.linalg.HostLinalg;
import dev.nabla.ml.linalg.HostMatrices;
import dev.nabla.ml.linear.LinearModel;
import org.apache.spark.api.java.JavaRDD;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Least squares on a Spark data set: ordinary ({@code alpha = 0}, {@link dev.nabla.ml.linear.LinearRegression})
 * or ridge ({@link dev.nabla.ml.linear.Ridge}), {@code min |y - Xw - b|² + α|w|²} with the intercept
 * unpenalised. The centred Gram matrix of {@code [X y]} is aggregated from the executors
 * ({@link Moments}) and the normal equations {@code (XᵀX + αI) w = Xᵀy} are solved by Cholesky on the
 * driver, as the single-machine learners do.
 *
 * @param alpha the ridge penalty, {@code >= 0}
 * @param fitIntercept whether to fit {@code b}
 */
public record SparkLinearRegression(double alpha, boolean fitIntercept) {

    /** Validates the settings. */
    public SparkLinearRegression {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("SparkLinearRegression: alpha must be finite and >= 0, got " + alpha);
        }
    }

    /** Ordinary least squares with intercept. */
    public static SparkLinearRegression ordinary() {
        return new SparkLinearRegression(0, true);
    }

    /** Ridge with penalty {@code alpha}, with intercept. */
    public static SparkLinearRegression ridge(double alpha) {
        return new SparkLinearRegression(alpha, true);
    }

    /** Fits the coefficients on {@code points}. */
    public LinearModel fit(JavaRDD<LabeledPoint> points) {
        String op = "SparkLinearRegression.fit";
        try (Blocks data = Blocks.labelled(points, op)) {
            int d = data.cols();
            Moments m = Moments.of(data, true, fitIntercept);
            DMatrixRMaj gram = CommonOps_DDRM.extract(m.gram(), 0, d, 0, d);
            DMatrixRMaj rhs = CommonOps_DDRM.extract(m.gram(), 0, d, d, d + 1);
            DMatrixRMaj w = HostLinalg.choleskySolve(op, HostLinalg.addToDiagonal(gram, alpha), rhs);
            double intercept = m.mean()[d];
            for (int j = 0; j < d; j++) {
                intercept -= m.mean()[j] * w.get(j, 0);
            }
            return new LinearModel(HostMatrices.toVector(w, DType.FLOAT64, Device.CPU), intercept, 0, true);
        }
    }
}
