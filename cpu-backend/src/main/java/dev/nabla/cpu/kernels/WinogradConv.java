package dev.nabla.cpu.kernels;

import dev.nabla.backend.fast.ConvGeometry;
import java.util.Arrays;
import java.util.Optional;

/**
 * 3×3, stride-1, undilated, ungrouped float convolution by Winograd's minimal filtering F(2×2, 3×3)
 * (Lavin and Gray, 2015): each 2×2 block of outputs comes from a 4×4 input tile through
 * {@code Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A}, 16 multiplications instead of 36. The elementwise products,
 * summed over input channels, are 16 GEMMs of {@code [Cout, Cin] · [Cin, tiles]} per image, so the
 * work is 2.25× smaller than im2col + GEMM and runs on the same packed {@link Sgemm}. The data
 * gradient is the same computation on the output gradient with rotated filters ({@link #transposed}).
 */
final class WinogradConv {

    /** Elements of the transformed 4×4 tile. */
    private static final int POINTS = 16;
    /** Below these channel counts the tile transforms cost more than the multiplications they save. */
    private static final int MIN_CHANNELS = 8;

    /** Per thread: the transformed input tiles and the 16 GEMM outputs of one image. */
    private static final ThreadBuffers BUFFERS = new ThreadBuffers(2);

    private WinogradConv() {
    }

    /** Whether {@code s} is a convolution this class computes, and one where it pays. */
    static boolean applies(ConvShape s) {
        var g = s.geo();
        return s.kh() == 3 && s.kw() == 3 && g.strideH() == 1 && g.strideW() == 1 && g.dilationH() == 1
                && g.dilationW() == 1 && g.groups() == 1 && s.cin() >= MIN_CHANNELS && s.cout() >= MIN_CHANNELS
                && s.oh() > 0 && s.ow() > 0;
    }

    /**
     * The data gradient of {@code s} as a forward problem: a stride-1 3×3 convolution's input gradient is
     * the convolution of the output gradient, padded by {@code 2 - pad}, with the filters rotated by 180°
     * and their channel axes swapped. Empty when that problem is not one this class computes.
     */
    static Optional<ConvShape> transposed(ConvShape s) {
        var g = s.geo();
        if (g.padH() > 2 || g.padW() > 2) {
            return Optional.empty();
        }
        ConvShape t = new ConvShape(s.n(), s.cout(), s.oh(), s.ow(), s.cin(), 3, 3, s.h(), s.w(),
                new ConvGeometry(1, 1, 2 - g.padH(), 2 - g.padW(), 1, 1, 1));
        return applies(s) && applies(t) ? Optional.of(t) : Optional.empty();
    }

    /** {@code w'[ci][co] = rot180(w[co][ci])}: the filters of {@link #transposed}. */
    static float[] rotatedFilters(ConvShape s, float[] w, int wOff) {
        float[] r = new float[s.cout() * s.cin() * 9];
        for (int co = 0; co < s.cout(); co++) {
            for (int ci = 0; ci < s.cin(); ci++) {
                int from = wOff + (co * s.cin() + ci) * 9;
                int to = (ci * s.cout() + co) * 9;
                for (int k = 0; k < 9; k++) {
                    r[to + k] = w[from + 8 - k];
                }
            }
        }
        return r;
    }

    /** {@code U[ξ][co][ci] = (G g Gᵀ)[ξ]} for every filter {@code g = w[co][ci]}: computed once per call. */
    static float[] transformFilters(ConvShape s, float[] w, int wOff) {
        int pairs = s.cout() * s.cin();
        float[] u = new float[POINTS * pairs];
        float[] g = new float[9];
        float[] t = new float[12];
        for (int pair = 0; pair < pairs; pair++) {
            System.arraycopy(w, wOff + pair * 9, g, 0, 9);
            for (int j = 0; j < 3; j++) {
                t[j] = g[j];
                t[3 + j] = 0.5f * (g[j] + g[3 + j] + g[6 + j]);
                t[6 + j] = 0.5f * (g[j] - g[3 + j] + g[6 + j]);
                t[9 + j] = g[6 + j];
            }
            for (int i = 0; i < 4; i++) {
                float a = t[3 * i];
                float b = t[3 * i + 1];
                float c = t[3 * i + 2];
                u[(4 * i) * pairs + pair] = a;
                u[(4 * i + 1) * pairs + pair] = 0.5f * (a + b + c);
                u[(4 * i + 2) * pairs + pair] = 0.5f * (a - b + c);
                u[(4 * i + 3) * pairs + pair] = c;
            }
        }
        return u;
    }

    /** One image: {@code out[img] = conv2d(x[img], w)} given the transformed filters {@code u}. */
    static void forwardImage(ConvShape s, float[] x, int xOff, float[] u, float[] out, int outOff, int img,
            boolean parallel) {
        int tilesH = (s.oh() + 1) / 2;
        int tilesW = (s.ow() + 1) / 2;
        int tiles = tilesH * tilesW;
        float[] v = BUFFERS.get(0, POINTS * s.cin() * tiles);
        float[] m = BUFFERS.get(1, POINTS * s.cout() * tiles);
        transformInput(s, x, s.inputPlane(xOff, img, 0), v, tilesH, tilesW);
        int[] uOffsets = new int[POINTS];
        int[] vOffsets = new int[POINTS];
        int[] mOffsets = new int[POINTS];
        for (int xi = 0; xi < POINTS; xi++) {
            uOffsets[xi] = xi * s.cout() * s.cin();
            vOffsets[xi] = xi * s.cin() * tiles;
            mOffsets[xi] = xi * s.cout() * tiles;
        }
        Sgemm.multiplyBatched(POINTS, s.cout(), tiles, s.cin(), u, uOffsets, MatrixStrides.rowMajor(s.cin()), v, vOffsets,
                MatrixStrides.rowMajor(tiles), 0f, m, mOffsets, tiles, parallel);
        transformOutput(s, m, out, s.outputPlane(outOff, img, 0), tilesH, tilesW);
    }

    /**
     * {@code V[ξ][ci][tile] = (Bᵀ d B)[ξ]} for each 4×4 input tile d (zero outside the input). A band of
     * four input rows at a time: {@code Bᵀ d} combines the rows once for every column, then each tile
     * combines four of those columns, and each of the 16 outputs is written as one sequential run.
     */
    private static void transformInput(ConvShape s, float[] x, int plane, float[] v, int tilesH, int tilesW) {
        int tiles = tilesH * tilesW;
        int stride = s.cin() * tiles;
        int padH = s.geo().padH();
        int padW = s.geo().padW();
        int width = Math.max(2 * tilesW + 2, padW + s.w());
        float[][] band = new float[4][width];
        float[][] t = new float[4][width];
        for (int c = 0; c < s.cin(); c++) {
            int src = plane + c * s.h() * s.w();
            for (int th = 0; th < tilesH; th++) {
                for (int i = 0; i < 4; i++) {
                    int row = 2 * th - padH + i;
                    Arrays.fill(band[i], 0f);
                    if (row >= 0 && row < s.h()) {
                        System.arraycopy(x, src + row * s.w(), band[i], padW, s.w());
                    }
                }
                float[] b0 = band[0];
                float[] b1 = band[1];
                float[] b2 = band[2];
                float[] b3 = band[3];
                float[] t0 = t[0];
                float[] t1 = t[1];
                float[] t2 = t[2];
                float[] t3 = t[3];
                for (int q = 0; q < width; q++) {
                    t0[q] = b0[q] - b2[q];
                    t1[q] = b1[q] + b2[q];
                    t2[q] = b2[q] - b1[q];
                    t3[q] = b1[q] - b3[q];
                }
                int base = c * tiles + th * tilesW;
                for (int i = 0; i < 4; i++) {
                    float[] ti = t[i];
                    int o0 = (4 * i) * stride + base;
                    int o1 = o0 + stride;
                    int o2 = o1 + stride;
                    int o3 = o2 + stride;
                    for (int tw = 0, l = 0; tw < tilesW; tw++, l += 2) {
                        float a = ti[l];
                        float b = ti[l + 1];
                        float e = ti[l + 2];
                        float f = ti[l + 3];
                        v[o0 + tw] = a - e;
                        v[o1 + tw] = b + e;
                        v[o2 + tw] = e - b;
                        v[o3 + tw] = b - f;
                    }
                }
            }
        }
    }

    /**
     * {@code Y = Aᵀ M A} per tile: for one output channel and tile row, {@code Aᵀ M} combines the 16
     * planes into eight runs over the tiles, which give the two output rows' even and odd columns.
     */
    private static void transformOutput(ConvShape s, float[] m, float[] out, int image, int tilesH, int tilesW) {
        int tiles = tilesH * tilesW;
        int stride = s.cout() * tiles;
        float[][] r = new float[8][tilesW];
        for (int co = 0; co < s.cout(); co++) {
            int plane = image + co * s.p();
            for (int th = 0; th < tilesH; th++) {
                int base = co * tiles + th * tilesW;
                for (int j = 0; j < 4; j++) {
                    int o0 = j * stride + base;
                    int o1 = o0 + 4 * stride;
                    int o2 = o1 + 4 * stride;
                    int o3 = o2 + 4 * stride;
                    float[] top = r[j];
                    float[] bottom = r[4 + j];
                    for (int tw = 0; tw < tilesW; tw++) {
                        float m1 = m[o1 + tw];
                        float m2 = m[o2 + tw];
                        top[tw] = m[o0 + tw] + m1 + m2;
                        bottom[tw] = m1 - m2 - m[o3 + tw];
                    }
                }
                for (int i = 0; i < 2; i++) {
                    int row = 2 * th + i;
                    if (row >= s.oh()) {
                        continue;
                    }
                    float[] a = r[4 * i];
                    float[] b = r[4 * i + 1];
                    float[] c = r[4 * i + 2];
                    float[] d = r[4 * i + 3];
                    int dst = plane + row * s.ow();
                    int pairs = s.ow() / 2;
                    for (int tw = 0; tw < pairs; tw++) {
                        out[dst + 2 * tw] = a[tw] + b[tw] + c[tw];
                        out[dst + 2 * tw + 1] = b[tw] - c[tw] - d[tw];
                    }
                    if (s.ow() % 2 == 1) {
                        out[dst + 2 * pairs] = a[pairs] + b[pairs] + c[pairs];
                    }
                }
            }
        }
    }
}
