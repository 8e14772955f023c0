package dev.nabla.cuda;

import java.util.Optional;

/**
 * One row-major GEMM operand of {@code rows x cols}: element {@code (r, c)} at {@code r * ld + c}, or,
 * when {@code transposed}, stored as the {@code [cols, rows]} matrix at {@code c * ld + r}. This is
 * the form both the PTX GEMM and (after the operand swap) cuBLAS accept; views in neither form must be
 * made contiguous first.
 *
 * @param transposed whether the matrix is stored transposed
 * @param ld the leading dimension: the stride between stored rows, at least the stored row length
 */
record GemmOperand(boolean transposed, int ld) {

    /**
     * Describes a {@code rows x cols} view with the given strides, preferring the plain form; the
     * stride of an extent-1 dimension never matters.
     *
     * @return the description, or empty when the view is neither row- nor column-dense
     */
    static Optional<GemmOperand> describe(int rows, int cols, int rowStride, int colStride) {
        if ((cols == 1 || colStride == 1) && (rows == 1 || rowStride >= Math.max(cols, 1))) {
            return Optional.of(new GemmOperand(false, rows == 1 ? Math.max(cols, 1) : rowStride));
        }
        if ((rows == 1 || rowStride == 1) && (cols == 1 || colStride >= Math.max(rows, 1))) {
            return Optional.of(new GemmOperand(true, cols == 1 ? Math.max(rows, 1) : colStride));
        }
        return Optional.empty();
    }
}
