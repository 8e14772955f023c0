package dev.nabla.backend.fast;

import dev.nabla.backend.Strided;

/**
 * Fast path for 2-D max and average pooling over NCHW operands and their backward passes.
 * Floating operands share one dtype; inputs may have any strides; outputs are contiguous and
 * fully overwritten, with the shape {@link PoolGeometry#outputHeight}/{@link PoolGeometry#outputWidth}
 * give. A geometry may be in ceil mode (the last window may overhang the padding) and, for max
 * pooling, dilated; average pooling is never dilated. Every window reads at least one input cell.
 */
public interface PoolKernel extends FastPath {

    /**
     * Window maxima; padding never wins.
     *
     * @param x input {@code [N, C, H, W]}
     * @param geometry the window
     * @param out maxima {@code [N, C, OH, OW]}
     * @param indices INT64 {@code [N, C, OH, OW]}: where each maximum is, as {@code h * W + w} within
     *     its input plane (the first maximum in row-major window order on ties)
     */
    void maxPool2d(Strided x, PoolGeometry geometry, Strided out, Strided indices);

    /**
     * Routes each output gradient to the input position its maximum came from (summing collisions).
     *
     * @param gradOut {@code [N, C, OH, OW]}
     * @param indices the INT64 indices written by {@link #maxPool2d}
     * @param gradInput {@code [N, C, H, W]}
     */
    void maxPool2dBackward(Strided gradOut, Strided indices, PoolGeometry geometry, Strided gradInput);

    /**
     * Window means.
     *
     * @param countIncludePad divide by the full window size (true) or by the number of non-padding cells
     * @param out {@code [N, C, OH, OW]}
     */
    void avgPool2d(Strided x, PoolGeometry geometry, boolean countIncludePad, Strided out);

    /**
     * Spreads each output gradient evenly over its window (the adjoint of {@link #avgPool2d}).
     *
     * @param gradOut {@code [N, C, OH, OW]}
     * @param gradInput {@code [N, C, H, W]}
     */
    void avgPool2dBackward(Strided gradOut, PoolGeometry geometry, boolean countIncludePad, Strided gradInput);
}
