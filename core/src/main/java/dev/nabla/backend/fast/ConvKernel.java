package dev.nabla.backend.fast;

import dev.nabla.backend.Strided;

/**
 * Fast path for 2-D convolution (cross-correlation, as in PyTorch) over NCHW operands and its
 * two backward passes. All operands share one floating dtype; inputs may have any strides;
 * outputs are contiguous and fully overwritten. With {@code G} groups the weight is
 * {@code [Cout, Cin/G, KH, KW]} and output channel block {@code g} sees only input channel block
 * {@code g}. No bias: core adds it.
 */
public interface ConvKernel extends FastPath {

    /**
     * {@code out[n, co, oh, ow] = Σ x[n, ci, oh*s - p + kh*d, ow*s - p + kw*d] · w[co, ci', kh, kw]}.
     *
     * @param x input {@code [N, Cin, H, W]}
     * @param w weight {@code [Cout, Cin/G, KH, KW]}
     * @param geometry stride, padding, dilation, groups
     * @param out output {@code [N, Cout, OH, OW]}
     */
    void conv2d(Strided x, Strided w, ConvGeometry geometry, Strided out);

    /**
     * The gradient with respect to the input (a transposed convolution of {@code gradOut}).
     *
     * @param gradOut {@code [N, Cout, OH, OW]}
     * @param w weight {@code [Cout, Cin/G, KH, KW]}
     * @param geometry stride, padding, dilation, groups
     * @param gradInput {@code [N, Cin, H, W]}; positions no window touches get 0
     */
    void conv2dBackwardData(Strided gradOut, Strided w, ConvGeometry geometry, Strided gradInput);

    /**
     * The gradient with respect to the weight, summed over the batch.
     *
     * @param x input {@code [N, Cin, H, W]}
     * @param gradOut {@code [N, Cout, OH, OW]}
     * @param geometry stride, padding, dilation, groups
     * @param gradWeight {@code [Cout, Cin/G, KH, KW]}
     */
    void conv2dBackwardFilter(Strided x, Strided gradOut, ConvGeometry geometry, Strided gradWeight);
}
