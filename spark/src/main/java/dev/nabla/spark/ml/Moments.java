package dev.nabla.spark.ml;

import dev.nabla.Tensor;
import org.apache.spark.broadcast.Broadcast;
import org.ejml.data.DMatrixRMaj;

/**
 * The row count, column means and the Gram matrix of the centred columns, {@code Σ (r - m)(r - m)ᵀ},
 * of the rows {@code r} of a data set (features, and with {@code withTarget} the target as a last
 * column). Two jobs: the means, then the centred products, which keeps the precision the
 * single-machine learners have (an uncentred Gram matrix loses it to cancellation).
 *
 * @param rows the number of rows
 * @param mean the column means (zeros when not centred)
 * @param gram the {@code m × m} Gram matrix of the centred columns
 */
record Moments(long rows, double[] mean, DMatrixRMaj gram) {

    /** The moments of {@code data}; {@code centre} false keeps the raw columns (a fit without intercept). */
    static Moments of(Blocks data, boolean withTarget, boolean centre) {
        int m = data.cols() + (withTarget ? 1 : 0);
        double[] mean = new double[m];
        if (centre) {
            double[] sums = data.sum(m, b -> columns(b, withTarget).sum(new int[] {0}, false).toDoubleArray());
            for (int j = 0; j < m; j++) {
                mean[j] = sums[j] / data.rows();
            }
        }
        Broadcast<double[]> shift = data.broadcast(mean);
        double[] gram = data.sum(m * m, b -> {
            Tensor c = columns(b, withTarget).sub(Tensor.of(shift.value(), shift.value().length).to(dev.nabla.Device.CPU));
            return c.t().matmul(c).toDoubleArray();
        });
        shift.destroy();
        return new Moments(data.rows(), mean, new DMatrixRMaj(m, m, true, gram));
    }

    private static Tensor columns(Block b, boolean withTarget) {
        Tensor x = b.features();
        return withTarget ? Tensor.cat(1, x, b.targets().unsqueeze(1)) : x;
    }
}
