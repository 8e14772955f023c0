package dev.nabla.cpu.kernels;

import dev.nabla.backend.fast.ConvGeometry;
import java.util.Arrays;
import java.util.Optional;

/**
 * 3×3, stride-1, undilated, ungrouped float convolution by Winograd's minimal filtering F(4×4, 3×3)
 * (Lavin and Gray, 2015, interpolation points 0, ±1, ±2, ∞): each 4×4 block of outputs comes from a
 * 6×6 input tile through {@code Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A}, 36 multiplications instead of 144.
 * The elementwise products, summed over input channels, are 36 GEMMs of
 * {@code [Cout, Cin] · [Cin, tiles]} per image, so the multiplications are 4× fewer than im2col +
 * GEMM (F(2×2, 3×3): 2.25×) and the transformed tiles 44 % smaller per output; they run on the
 * same packed {@link Sgemm}. The filters are transformed in double and rounded once. The data
 * gradient is the same computation on the output gradient with rotated filters ({@link #transposed}).
 */
final class WinogradConv {

    /** Output tile side. */
    private static final int TILE = 4;
    /** Input tile side: the output tile plus the kernel's reach. */
    private static final int ALPHA = TILE + 2;
    /** Elements of the transformed 6×6 tile. */
    private static final int POINTS = ALPHA * ALPHA;
    /** Below these channel counts the tile transforms cost more than the multiplications they save. */
    private static final int MIN_CHANNELS = 8;

    /** Per thread: the transformed input tiles and the GEMM outputs of one image. */
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
        double[] t = new double[ALPHA * 3];
        double[] row = new double[ALPHA];
        for (int pair = 0; pair < pairs; pair++) {
            int g = wOff + pair * 9;
            for (int j = 0; j < 3; j++) {
                filterColumn(w[g + j], w[g + 3 + j], w[g + 6 + j], row);
                for (int i = 0; i < ALPHA; i++) {
                    t[3 * i + j] = row[i];
                }
            }
            for (int i = 0; i < ALPHA; i++) {
                filterColumn(t[3 * i], t[3 * i + 1], t[3 * i + 2], row);
                for (int k = 0; k < ALPHA; k++) {
                    u[(ALPHA * i + k) * pairs + pair] = (float) row[k];
                }
            }
        }
        return u;
    }

    /** {@code G · (g0, g1, g2)} with {@code G = [1/4 0 0; -1/6 -1/6 -1/6; -1/6 1/6 -1/6; 1/24 1/12 1/6; 1/24 -1/12 1/6; 0 0 1]}. */
    private static void filterColumn(double g0, double g1, double g2, double[] out) {
        out[0] = g0 / 4;
        out[1] = -(g0 + g1 + g2) / 6;
        out[2] = -(g0 - g1 + g2) / 6;
        out[3] = g0 / 24 + g1 / 12 + g2 / 6;
        out[4] = g0 / 24 - g1 / 12 + g2 / 6;
        out[5] = g2;
    }

    /** One image: {@code out[img] = conv2d(x[img], w)} given the transformed filters {@code u}. */
    static void forwardImage(ConvShape s, float[] x, int xOff, float[] u, float[] out, int outOff, int img,
            boolean parallel) {
        int tilesH = (s.oh() + TILE - 1) / TILE;
        int tilesW = (s.ow() + TILE - 1) / TILE;
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
     * {@code V[ξ][ci][tile] = (Bᵀ d B)[ξ]} for each 6×6 input tile d (zero outside the input), with
     * {@code Bᵀ = [4 0 -5 0 1 0; 0 -4 -4 1 1 0; 0 4 -4 -1 1 0; 0 -2 -1 2 1 0; 0 2 -1 -2 1 0; 0 4 0 -5 0 1]}.
     * A band of six input rows at a time: {@code Bᵀ d} combines the rows once for every column, then
     * each tile combines six of those columns, and each of the 36 outputs is written as one
     * sequential run over the band's tiles.
     */
    private static void transformInput(ConvShape s, float[] x, int plane, float[] v, int tilesH, int tilesW) {
        int tiles = tilesH * tilesW;
        int stride = s.cin() * tiles;
        int padH = s.geo().padH();
        int padW = s.geo().padW();
        int width = Math.max(TILE * tilesW + 2, padW + s.w());
        float[][] band = new float[ALPHA][width];
        float[][] t = new float[ALPHA][width];
        for (int c = 0; c < s.cin(); c++) {
            int src = plane + c * s.h() * s.w();
            for (int th = 0; th < tilesH; th++) {
                for (int i = 0; i < ALPHA; i++) {
                    int row = TILE * th - padH + i;
                    Arrays.fill(band[i], 0f);
                    if (row >= 0 && row < s.h()) {
                        System.arraycopy(x, src + row * s.w(), band[i], padW, s.w());
                    }
                }
                combineRows(band, t, width);
                int base = c * tiles + th * tilesW;
                for (int i = 0; i < ALPHA; i++) {
                    float[] ti = t[i];
                    int o0 = (ALPHA * i) * stride + base;
                    for (int tw = 0, l = 0; tw < tilesW; tw++, l += TILE) {
                        float a0 = ti[l];
                        float a1 = ti[l + 1];
                        float a2 = ti[l + 2];
                        float a3 = ti[l + 3];
                        float a4 = ti[l + 4];
                        float a5 = ti[l + 5];
                        float p = a4 - a2;
                        float q = 2 * (a3 - a1);
                        int o = o0 + tw;
                        v[o] = 4 * a0 - 5 * a2 + a4;
                        v[o + stride] = a3 + a4 - 4 * (a1 + a2);
                        v[o + 2 * stride] = a4 - a3 + 4 * (a1 - a2);
                        v[o + 3 * stride] = p + q;
                        v[o + 4 * stride] = p - q;
                        v[o + 5 * stride] = 4 * a1 - 5 * a3 + a5;
                    }
                }
            }
        }
    }

    /** {@code t = Bᵀ · band} over every column of the six band rows. */
    private static void combineRows(float[][] band, float[][] t, int width) {
        float[] b0 = band[0];
        float[] b1 = band[1];
        float[] b2 = band[2];
        float[] b3 = band[3];
        float[] b4 = band[4];
        float[] b5 = band[5];
        float[] t0 = t[0];
        float[] t1 = t[1];
        float[] t2 = t[2];
        float[] t3 = t[3];
        float[] t4 = t[4];
        float[] t5 = t[5];
        for (int q = 0; q < width; q++) {
            float p = b4[q] - b2[q];
            float d = 2 * (b3[q] - b1[q]);
            t0[q] = 4 * b0[q] - 5 * b2[q] + b4[q];
            t1[q] = b3[q] + b4[q] - 4 * (b1[q] + b2[q]);
            t2[q] = b4[q] - b3[q] + 4 * (b1[q] - b2[q]);
            t3[q] = p + d;
            t4[q] = p - d;
            t5[q] = 4 * b1[q] - 5 * b3[q] + b5[q];
        }
    }

    /**
     * {@code Y = Aᵀ M A} per tile, with {@code Aᵀ = [1 1 1 1 1 0; 0 1 -1 2 -2 0; 0 1 1 4 4 0; 0 1 -1 8 -8 1]}:
     * for one output channel and tile row, {@code Aᵀ M} combines the 36 planes into 24 runs over the
     * tiles (four rows by six columns), and each output row combines six of those per tile.
     */
    private static void transformOutput(ConvShape s, float[] m, float[] out, int image, int tilesH, int tilesW) {
        int tiles = tilesH * tilesW;
        int stride = s.cout() * tiles;
        float[][] r = new float[TILE * ALPHA][tilesW];
        for (int co = 0; co < s.cout(); co++) {
            int plane = image + co * s.p();
            for (int th = 0; th < tilesH; th++) {
                int base = co * tiles + th * tilesW;
                for (int j = 0; j < ALPHA; j++) {
                    int o = j * stride + base;
                    float[] r0 = r[j];
                    float[] r1 = r[ALPHA + j];
                    float[] r2 = r[2 * ALPHA + j];
                    float[] r3 = r[3 * ALPHA + j];
                    for (int tw = 0; tw < tilesW; tw++) {
                        int at = o + tw;
                        float m1 = m[at + ALPHA * stride];
                        float m2 = m[at + 2 * ALPHA * stride];
                        float m3 = m[at + 3 * ALPHA * stride];
                        float m4 = m[at + 4 * ALPHA * stride];
                        float sum12 = m1 + m2;
                        float diff12 = m1 - m2;
                        float sum34 = m3 + m4;
                        float diff34 = m3 - m4;
                        r0[tw] = m[at] + sum12 + sum34;
                        r1[tw] = diff12 + 2 * diff34;
                        r2[tw] = sum12 + 4 * sum34;
                        r3[tw] = diff12 + 8 * diff34 + m[at + 5 * ALPHA * stride];
                    }
                }
                for (int k = 0; k < TILE; k++) {
                    int row = TILE * th + k;
                    if (row >= s.oh()) {
                        break;
                    }
                    writeRow(r, ALPHA * k, tilesW, out, plane + row * s.ow(), s.ow());
                }
            }
        }
    }

    /**
     * One output row across a tile row: {@code Aᵀ · (r[first][tw], ..., r[first + 5][tw])} gives the
     * tile's four values, the last tile cut at the row's width {@code ow}.
     */
    private static void writeRow(float[][] r, int first, int tilesW, float[] out, int dst, int ow) {
        float[] r0 = r[first];
        float[] r1 = r[first + 1];
        float[] r2 = r[first + 2];
        float[] r3 = r[first + 3];
        float[] r4 = r[first + 4];
        float[] r5 = r[first + 5];
        for (int tw = 0, col = 0; tw < tilesW; tw++, col += TILE) {
            float sum12 = r1[tw] + r2[tw];
            float diff12 = r1[tw] - r2[tw];
            float sum34 = r3[tw] + r4[tw];
            float diff34 = r3[tw] - r4[tw];
            float y0 = r0[tw] + sum12 + sum34;
            float y1 = diff12 + 2 * diff34;
            float y2 = sum12 + 4 * sum34;
            float y3 = diff12 + 8 * diff34 + r5[tw];
            if (col + TILE <= ow) {
                out[dst + col] = y0;
                out[dst + col + 1] = y1;
                out[dst + col + 2] = y2;
                out[dst + col + 3] = y3;
            } else {
                out[dst + col] = y0;
                if (col + 1 < ow) {
                    out[dst + col + 1] = y1;
                }
                if (col + 2 < ow) {
                    out[dst + col + 2] = y2;
                }
            }
        }
    }
}
