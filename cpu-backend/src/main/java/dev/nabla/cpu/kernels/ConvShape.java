package dev.nabla.cpu.kernels;

import dev.nabla.backend.fast.ConvGeometry;

/**
 * The sizes and window of one NCHW convolution, with the derived GEMM dimensions.
 *
 * @param n batch
 * @param cin input channels
 * @param h input height
 * @param w input width
 * @param cout output channels
 * @param kh kernel height
 * @param kw kernel width
 * @param oh output height
 * @param ow output width
 * @param geo stride, padding, dilation, groups
 */
public record ConvShape(int n, int cin, int h, int w, int cout, int kh, int kw, int oh, int ow, ConvGeometry geo) {

    /** Reads the sizes from input {@code [N, Cin, H, W]}, weight {@code [Cout, Cin/G, KH, KW]} and output shapes. */
    public static ConvShape of(int[] input, int[] weight, int[] output, ConvGeometry geo) {
        return new ConvShape(input[0], input[1], input[2], input[3], weight[0], weight[2], weight[3], output[2],
                output[3], geo);
    }

    int groups() {
        return geo.groups();
    }

    int cinPerGroup() {
        return cin / geo.groups();
    }

    int coutPerGroup() {
        return cout / geo.groups();
    }

    /** The contraction length of one group: input channels × kernel taps. */
    int k() {
        return cinPerGroup() * kh * kw;
    }

    /** Output positions per plane. */
    int p() {
        return oh * ow;
    }

    /** A 1×1 kernel with unit stride and no padding: the input plane already is the column matrix. */
    boolean pointwise() {
        return kh == 1 && kw == 1 && geo.strideH() == 1 && geo.strideW() == 1 && geo.padH() == 0 && geo.padW() == 0;
    }

    /** One input and one output channel per group. */
    boolean depthwise() {
        return cinPerGroup() == 1 && coutPerGroup() == 1;
    }

    /** Where image {@code img}'s input planes of group {@code g} start in an input array whose image 0 starts at {@code off}. */
    int inputPlane(int off, int img, int g) {
        return off + (img * cin + g * cinPerGroup()) * h * w;
    }

    /** Where image {@code img}'s output planes of group {@code g} start in an output array whose image 0 starts at {@code off}. */
    int outputPlane(int off, int img, int g) {
        return off + (img * cout + g * coutPerGroup()) * p();
    }

    /** The first output column whose tap {@code j} lands inside the input row. */
    int firstColumn(int j) {
        int shift = geo.padW() - j * geo.dilationW();
        return shift <= 0 ? 0 : Math.min(ow, (shift + geo.strideW() - 1) / geo.strideW());
    }

    /** One past the last output column whose tap {@code j} lands inside the input row. */
    int endColumn(int j) {
        int limit = w + geo.padW() - j * geo.dilationW();
        return limit <= 0 ? 0 : Math.min(ow, (limit - 1) / geo.strideW() + 1);
    }

    /** The input row that output row {@code o} reads with kernel row {@code i} (may be outside). */
    int inputRow(int o, int i) {
        return o * geo.strideH() - geo.padH() + i * geo.dilationH();
    }

    /** The input column that output column {@code o} reads with kernel column {@code j}. */
    int inputColumn(int o, int j) {
        return o * geo.strideW() - geo.padW() + j * geo.dilationW();
    }
}
