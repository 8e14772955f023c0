package dev.nabla.backend.fast;

import dev.nabla.backend.Strided;

/**
 * Fast path for the column lowering of 2-D convolution that {@link ReferenceConv} builds on: im2col
 * gathers every kernel window of an NCHW input into a column matrix (one GEMM then convolves all
 * windows at once), and col2im is its adjoint, summing columns back into the input's shape. The
 * column layout is the one {@link ColumnLayout} describes; groups play no part here (each group is a
 * block of consecutive column rows). Operands share one floating dtype.
 */
public interface Im2ColKernel extends FastPath {

    /**
     * {@code cols[n, (c·kh + i)·kw + j, oh·OW + ow] = x[n, c, oh·sh − ph + i·dh, ow·sw − pw + j·dw]}, zero
     * where the window reaches into the padding.
     *
     * @param x input {@code [N, C, H, W]}, any strides
     * @param geometry stride, padding and dilation (groups are ignored)
     * @param kh kernel height
     * @param kw kernel width
     * @param cols contiguous {@link ColumnLayout#columnShape()}, overwritten
     * @throws IllegalArgumentException when the shapes or dtypes disagree
     */
    void im2col(Strided x, ConvGeometry geometry, int kh, int kw, Strided cols);

    /**
     * The adjoint of {@link #im2col}: every input position receives the sum of the column entries that
     * im2col would read from it; positions no window touches get 0.
     *
     * @param cols contiguous {@link ColumnLayout#columnShape()}
     * @param geometry stride, padding and dilation (groups are ignored)
     * @param kh kernel height
     * @param kw kernel width
     * @param gradInput {@code [N, C, H, W]}, overwritten
     * @throws IllegalArgumentException when the shapes or dtypes disagree
     */
    void col2im(Strided cols, ConvGeometry geometry, int kh, int kw, Strided gradInput);
}
