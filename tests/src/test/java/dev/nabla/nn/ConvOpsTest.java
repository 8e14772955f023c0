package dev.nabla.nn;

import static dev.nabla.nn.NnAssert.assertClose;
import static dev.nabla.nn.NnAssert.assertGradients;
import static dev.nabla.nn.NnAssert.assertSecondOrder;
import static dev.nabla.nn.NnAssert.randn64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Shape;
import dev.nabla.Tensor;
import dev.nabla.backend.fast.ConvGeometry;
import org.junit.jupiter.api.Test;

/** Convolutions against a direct nested-loop reference in double, and their gradients. */
class ConvOpsTest {

    /** The textbook definition: out[n, co, i, j] = b[co] + Σ x[n, g*cinG + c, i*s - p + a*d, j*s - p + e*d] w[co, c, a, e]. */
    static double[] directConv(Tensor xt, Tensor wt, Tensor bt, ConvGeometry geo) {
        int[] xs = xt.shape().toArray();
        int[] ws = wt.shape().toArray();
        double[] x = xt.toDoubleArray();
        double[] w = wt.toDoubleArray();
        double[] b = bt == null ? new double[ws[0]] : bt.toDoubleArray();
        int oh = (xs[2] + 2 * geo.padH() - geo.dilationH() * (ws[2] - 1) - 1) / geo.strideH() + 1;
        int ow = (xs[3] + 2 * geo.padW() - geo.dilationW() * (ws[3] - 1) - 1) / geo.strideW() + 1;
        int coutG = ws[0] / geo.groups();
        double[] out = new double[xs[0] * ws[0] * oh * ow];
        int idx = 0;
        for (int n = 0; n < xs[0]; n++) {
            for (int co = 0; co < ws[0]; co++) {
                int group = co / coutG;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double acc = b[co];
                        for (int c = 0; c < ws[1]; c++) {
                            int ci = group * ws[1] + c;
                            for (int a = 0; a < ws[2]; a++) {
                                for (int e = 0; e < ws[3]; e++) {
                                    int r = i * geo.strideH() - geo.padH() + a * geo.dilationH();
                                    int q = j * geo.strideW() - geo.padW() + e * geo.dilationW();
                                    if (r >= 0 && r < xs[2] && q >= 0 && q < xs[3]) {
                                        acc += x[((n * xs[1] + ci) * xs[2] + r) * xs[3] + q]
                                                * w[((co * ws[1] + c) * ws[2] + a) * ws[3] + e];
                                    }
                                }
                            }
                        }
                        out[idx++] = acc;
                    }
                }
            }
        }
        return out;
    }

    private static void checkAgainstDirect(int[] xShape, int[] wShape, ConvGeometry geo) {
        Tensor x = randn64(1, xShape);
        Tensor w = randn64(2, wShape);
        Tensor b = randn64(3, wShape[0]);
        assertClose(directConv(x, w, b, geo), ConvOps.conv2d(x, w, b, geo), 1e-10);
    }

    @Test
    void plainConvolutionMatchesDirectLoop() {
        checkAgainstDirect(new int[] {2, 3, 5, 6}, new int[] {4, 3, 3, 2}, ConvGeometry.unit());
    }

    @Test
    void strideAndPaddingMatchDirectLoop() {
        checkAgainstDirect(new int[] {2, 2, 7, 6}, new int[] {3, 2, 3, 3}, new ConvGeometry(2, 3, 1, 2, 1, 1, 1));
    }

    @Test
    void dilationMatchesDirectLoop() {
        checkAgainstDirect(new int[] {1, 2, 8, 7}, new int[] {2, 2, 3, 2}, new ConvGeometry(1, 2, 2, 1, 2, 3, 1));
    }

    @Test
    void groupsAndDepthwiseMatchDirectLoop() {
        checkAgainstDirect(new int[] {2, 4, 5, 5}, new int[] {6, 2, 3, 3}, ConvGeometry.of(1, 1, 1, 2));
        // depthwise: one group per channel, channel multiplier 2
        checkAgainstDirect(new int[] {2, 3, 6, 6}, new int[] {6, 1, 3, 3}, ConvGeometry.of(2, 1, 1, 3));
    }

    @Test
    void handWorkedOneByOneImage() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        Tensor w = Tensor.of(new double[] {1, 0, 0, -1}, 1, 1, 2, 2);
        // each output is x[i][j] - x[i+1][j+1] = -4
        assertClose(new double[] {-4, -4, -4, -4}, ConvOps.conv2d(x, w, null, ConvGeometry.unit()), 1e-12);
    }

    @Test
    void gradientsForInputWeightAndBias() {
        ConvGeometry geo = new ConvGeometry(2, 1, 1, 0, 1, 2, 2);
        Tensor x = randn64(4, 2, 4, 5, 5);
        Tensor w = randn64(5, 2, 2, 3, 2);
        Tensor b = randn64(6, 2);
        assertGradients(in -> ConvOps.conv2d(in[0], in[1], in[2], geo), x, w, b);
    }

    @Test
    void depthwiseGradients() {
        ConvGeometry geo = ConvGeometry.of(1, 1, 1, 3);
        assertGradients(in -> ConvOps.conv2d(in[0], in[1], null, geo), randn64(7, 1, 3, 4, 4), randn64(8, 3, 1, 3, 3));
    }

    @Test
    void secondOrderGradients() {
        ConvGeometry geo = ConvGeometry.of(2, 1, 1, 1);
        assertSecondOrder(in -> ConvOps.conv2d(in[0], in[1], null, geo).mul(ConvOps.conv2d(in[0], in[1], null, geo)),
                randn64(9, 1, 2, 4, 4), randn64(10, 2, 2, 2, 2));
    }

    @Test
    void backwardPassesAreGradcheckedAsOps() {
        ConvGeometry geo = new ConvGeometry(2, 2, 1, 0, 1, 1, 1);
        int[] xShape = {1, 2, 5, 4};
        int[] wShape = {3, 2, 3, 2};
        Tensor gy = randn64(11, 1, 3, 3, 2);
        assertGradients(in -> ConvOps.conv2dBackwardData(in[0], in[1], geo, xShape), gy, randn64(12, wShape));
        assertGradients(in -> ConvOps.conv2dBackwardFilter(in[0], in[1], geo, wShape), randn64(13, xShape), gy);
    }

    @Test
    void conv1dMatchesConv2dWithHeightOne() {
        Tensor x = randn64(14, 2, 4, 9);
        Tensor w = randn64(15, 6, 2, 3);
        Tensor b = randn64(16, 6);
        Tensor y = ConvOps.conv1d(x, w, b, 2, 1, 2, 2);
        assertEquals(Shape.of(2, 6, 4), y.shape());
        double[] expected = directConv(x.unsqueeze(2), w.unsqueeze(2), b, new ConvGeometry(1, 2, 0, 1, 1, 2, 2));
        assertClose(expected, y, 1e-10);
        assertGradients(in -> ConvOps.conv1d(in[0], in[1], in[2], 1, 1, 1, 1), randn64(17, 1, 2, 5),
                randn64(18, 3, 2, 2), randn64(19, 3));
    }

    @Test
    void transposedConvolutionIsTheAdjointOfConvolution() {
        // <conv(x, w), y> == <convT(y, w), x> for every x, y
        ConvGeometry geo = new ConvGeometry(2, 2, 1, 1, 1, 1, 1);
        Tensor x = randn64(20, 2, 3, 5, 5);
        Tensor w = randn64(21, 4, 3, 3, 3);
        Tensor y = randn64(22, 2, 4, 3, 3);
        double lhs = ConvOps.conv2d(x, w, null, geo).mul(y).sum().item();
        Tensor xt = ConvOps.convTranspose2d(y, w, null, geo, 0, 0);
        assertEquals(Shape.of(2, 3, 5, 5), xt.shape());
        assertEquals(lhs, xt.mul(x).sum().item(), 1e-9);
        Tensor withPad = ConvOps.convTranspose2d(y, w, null, geo, 1, 1);
        assertEquals(Shape.of(2, 3, 6, 6), withPad.shape());
    }

    @Test
    void transposedConvolutionHandWorked() {
        // a 1x1 input scattered by a 2x2 kernel with stride 2: the kernel itself, times the value
        Tensor y = Tensor.of(new double[] {2, -1}, 1, 1, 1, 2);
        Tensor w = Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2);
        Tensor out = ConvOps.convTranspose2d(y, w, Tensor.of(new double[] {0.5}), ConvGeometry.of(2, 0, 1, 1), 0, 0);
        assertClose(new double[] {2.5, 4.5, -0.5, -1.5, 6.5, 8.5, -2.5, -3.5}, out, 1e-12);
    }

    @Test
    void wrongChannelCountIsReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvOps.conv2d(Tensor.zeros(1, 5, 4, 4), Tensor.zeros(8, 3, 3, 3), null, ConvGeometry.unit()));
        assertTrue(e.getMessage().contains("conv2d: input has 5 channels") && e.getMessage().contains("expects 3"),
                e.getMessage());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> ConvOps.conv2d(Tensor.zeros(1, 3, 2, 2), Tensor.zeros(8, 3, 3, 3), null, ConvGeometry.unit()));
        assertTrue(small.getMessage().contains("smaller than the dilated kernel"), small.getMessage());
    }
}
