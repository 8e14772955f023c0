package dev.nabla.cpu.kernels;

import static org.junit.jupiter.api.Assertions.assertFalse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.backend.fast.ConvGeometry;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FloatConv's forward and both backward passes against float64 direct loops over every window
 * tap, for strides, padding, dilation, groups, depthwise and 1×1 kernels, through each of its
 * paths (Winograd, implicit GEMM for unpadded inputs, patch matrices in either GEMM orientation).
 */
class FloatConvTest {

    /** n, cin, h, w, cout, kh, kw, stride, pad, dilation, groups. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(2, 3, 7, 9, 4, 3, 3, 1, 1, 1, 1),
                Arguments.of(1, 4, 8, 7, 6, 3, 2, 2, 1, 1, 2),
                Arguments.of(3, 2, 9, 9, 5, 3, 3, 1, 2, 2, 1),
                Arguments.of(2, 6, 6, 5, 6, 3, 3, 2, 1, 1, 6),
                Arguments.of(3, 5, 4, 6, 7, 1, 1, 1, 0, 1, 1),
                Arguments.of(2, 4, 5, 5, 4, 1, 1, 1, 0, 1, 2),
                Arguments.of(1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1),
                Arguments.of(2, 3, 10, 11, 2, 5, 4, 3, 2, 1, 1),
                // Winograd F(4x4, 3x3): padded with output sizes 9 and 10 (partial tiles), unpadded, and a 1x1 output
                Arguments.of(2, 8, 9, 10, 9, 3, 3, 1, 1, 1, 1),
                Arguments.of(1, 16, 6, 7, 8, 3, 3, 1, 0, 1, 1),
                Arguments.of(3, 9, 3, 3, 12, 3, 3, 1, 0, 1, 1),
                // LeNet's shapes, smaller: 16 output channels take the patch-rows GEMM, 6 the column-matrix one
                Arguments.of(5, 6, 12, 12, 16, 5, 5, 1, 0, 1, 1),
                Arguments.of(5, 1, 14, 13, 6, 5, 5, 1, 0, 1, 1),
                Arguments.of(4, 4, 9, 9, 32, 3, 3, 2, 1, 1, 2),
                // unpadded, so implicit GEMM: two 16-channel panels (18 per group), strided, dilated, grouped
                Arguments.of(3, 4, 11, 10, 36, 3, 2, 2, 0, 2, 2));
    }

    private static double[] random(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return v;
    }

    private static float[] f(double[] v, int pad) {
        float[] out = new float[v.length + pad];
        for (int i = 0; i < v.length; i++) {
            out[i + pad] = (float) v[i];
        }
        return out;
    }

    /** Calls {@code tap(xIndex, wIndex, yIndex)} for every (output cell, kernel tap) that reads an input cell. */
    private static void forEachTap(ConvShape s, TapVisitor tap) {
        int cg = s.coutPerGroup();
        int ci = s.cinPerGroup();
        for (int n = 0; n < s.n(); n++) {
            for (int co = 0; co < s.cout(); co++) {
                int g = co / cg;
                for (int oh = 0; oh < s.oh(); oh++) {
                    for (int ow = 0; ow < s.ow(); ow++) {
                        for (int c = 0; c < ci; c++) {
                            for (int i = 0; i < s.kh(); i++) {
                                for (int j = 0; j < s.kw(); j++) {
                                    int ih = oh * s.geo().strideH() - s.geo().padH() + i * s.geo().dilationH();
                                    int iw = ow * s.geo().strideW() - s.geo().padW() + j * s.geo().dilationW();
                                    if (ih >= 0 && ih < s.h() && iw >= 0 && iw < s.w()) {
                                        tap.visit(((n * s.cin() + g * ci + c) * s.h() + ih) * s.w() + iw,
                                                ((co * ci + c) * s.kh() + i) * s.kw() + j,
                                                ((n * s.cout() + co) * s.oh() + oh) * s.ow() + ow);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface TapVisitor {
        void visit(int x, int w, int y);
    }

    private static void assertClose(double[] want, float[] got, int offset, double tol, String what) {
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[offset + i], tol, what + " element " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void allThreePassesMatchDirectLoops(int n, int cin, int h, int w, int cout, int kh, int kw, int stride, int pad,
            int dilation, int groups) {
        ConvGeometry geo = ConvGeometry.of(stride, pad, dilation, groups);
        ConvShape s = new ConvShape(n, cin, h, w, cout, kh, kw, geo.outputHeight(h, kh), geo.outputWidth(w, kw), geo);
        Random rnd = new Random(n * 1000L + cin * 100 + kh);
        double[] x = random(rnd, n * cin * h * w);
        double[] wt = random(rnd, cout * cin / groups * kh * kw);
        double[] gy = random(rnd, n * cout * s.p());
        double[] y = new double[gy.length];
        double[] gx = new double[x.length];
        double[] gw = new double[wt.length];
        forEachTap(s, (xi, wi, yi) -> {
            y[yi] += x[xi] * wt[wi];
            gx[xi] += gy[yi] * wt[wi];
            gw[wi] += gy[yi] * x[xi];
        });
        int off = 5;
        float[] yOut = new float[y.length + off];
        FloatConv.forward(s, f(x, off), off, f(wt, off), off, yOut, off);
        assertClose(y, yOut, off, 1e-4, "forward");
        float[] gxOut = new float[x.length + off];
        FloatConv.backwardData(s, f(gy, off), off, f(wt, off), off, gxOut, off);
        assertClose(gx, gxOut, off, 1e-4, "backwardData");
        float[] gwOut = new float[wt.length + off];
        FloatConv.backwardFilter(s, f(x, off), off, f(gy, off), off, gwOut, off);
        assertClose(gw, gwOut, off, 1e-4, "backwardFilter");
        // one image per chunk: several chunks, spread over the pool, partial filter gradients summed in order
        float[] yChunked = new float[y.length + off];
        FloatConv.forward(s, f(x, off), off, f(wt, off), off, yChunked, off, 1);
        assertClose(y, yChunked, off, 1e-4, "forward one image per chunk");
        float[] gxChunked = new float[x.length + off];
        FloatConv.backwardData(s, f(gy, off), off, f(wt, off), off, gxChunked, off, 1);
        assertClose(gx, gxChunked, off, 1e-4, "backwardData one image per chunk");
        float[] chunked = new float[wt.length + off];
        FloatConv.backwardFilter(s, f(x, off), off, f(gy, off), off, chunked, off, 1);
        assertClose(gw, chunked, off, 1e-4, "backwardFilter one image per chunk");
    }

    @Test
    void winogradServesTheThreeByThreeCasesAboveAndNothingElse() {
        ConvGeometry unit = ConvGeometry.of(1, 1, 1, 1);
        assertTrue(WinogradConv.applies(new ConvShape(2, 8, 9, 10, 9, 3, 3, 9, 10, unit)));
        assertTrue(WinogradConv.transposed(new ConvShape(2, 8, 9, 10, 9, 3, 3, 9, 10, unit)).isPresent(), "data gradient");
        assertTrue(WinogradConv.applies(new ConvShape(3, 9, 3, 3, 12, 3, 3, 1, 1, ConvGeometry.unit())));
        assertFalse(WinogradConv.applies(new ConvShape(2, 3, 7, 9, 4, 3, 3, 7, 9, unit)), "too few channels");
        assertFalse(WinogradConv.applies(new ConvShape(2, 8, 9, 9, 8, 3, 3, 5, 5, ConvGeometry.of(2, 1, 1, 1))), "strided");
        assertFalse(WinogradConv.applies(new ConvShape(2, 8, 9, 9, 8, 3, 3, 9, 9, ConvGeometry.of(1, 1, 1, 2))), "grouped");
        assertFalse(WinogradConv.applies(new ConvShape(2, 8, 9, 9, 8, 5, 5, 5, 5, ConvGeometry.unit())), "5x5");
    }
}
