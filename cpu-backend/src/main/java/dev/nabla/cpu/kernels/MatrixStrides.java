package dev.nabla.cpu.kernels;

/**
 * How a matrix lies in its array: element (i, j) is at {@code offset + i * row + j * col}.
 * Transposed operands are plain stride swaps, so packing reads them in place without a copy.
 *
 * @param row distance between consecutive rows
 * @param col distance between consecutive columns
 */
public record MatrixStrides(int row, int col) {

    /** A row-major matrix with leading dimension {@code ld}. */
    public static MatrixStrides rowMajor(int ld) {
        return new MatrixStrides(ld, 1);
    }

    /** The transpose of a row-major matrix with leading dimension {@code ld} (a column-major view). */
    public static MatrixStrides transposed(int ld) {
        return new MatrixStrides(1, ld);
    }
}
