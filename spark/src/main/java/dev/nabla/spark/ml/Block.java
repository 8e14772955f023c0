package dev.nabla.spark.ml;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import java.io.Serializable;

/**
 * Consecutive rows of a partition as one row-major matrix, so each executor works on matrices with
 * tensor ops rather than row by row.
 *
 * @param rows the number of rows
 * @param cols the number of features
 * @param x the features, {@code rows × cols}
 * @param y the targets ({@code rows}), or null for unsupervised data
 */
record Block(int rows, int cols, double[] x, double[] y) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The features as a FLOAT64 tensor {@code [rows, cols]} on the CPU. */
    Tensor features() {
        return Tensor.of(x, rows, cols).to(Device.CPU);
    }

    /** The targets as a FLOAT64 tensor {@code [rows]} on the CPU. */
    Tensor targets() {
        return Tensor.of(y, rows).to(Device.CPU).to(DType.FLOAT64);
    }
}
