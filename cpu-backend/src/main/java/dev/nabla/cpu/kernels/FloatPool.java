package dev.nabla.cpu.kernels;

import dev.nabla.backend.fast.PoolGeometry;
import dev.nabla.cpu.Parallel;
import java.util.Arrays;

/**
 * Direct float loops for 2-D max and average pooling and their backward passes over dense NCHW
 * planes, spread over the pool by plane, for any {@link PoolGeometry} (ceil mode; dilation for max
 * pooling). Only window cells inside the input are visited, so padding never wins a maximum and is
 * counted in an average only when asked.
 */
public final class FloatPool {

    private FloatPool() {
    }

    /**
     * Plane sizes of one pooling call.
     *
     * @param planes N · C
     * @param h input height
     * @param w input width
     * @param oh output height
     * @param ow output width
     * @param geo the window
     */
    public record Planes(int planes, int h, int w, int oh, int ow, PoolGeometry geo) {

        /** The first row of window {@code o} inside the input (rows step by the dilation). */
        int rowStart(int o) {
            return firstInside(o * geo.strideH() - geo.padH(), geo.dilationH());
        }

        /** Past the last row of window {@code o} inside the input. */
        int rowEnd(int o) {
            return Math.min(h, o * geo.strideH() - geo.padH() + geo.dilationH() * (geo.kernelH() - 1) + 1);
        }

        int colStart(int o) {
            return firstInside(o * geo.strideW() - geo.padW(), geo.dilationW());
        }

        int colEnd(int o) {
            return Math.min(w, o * geo.strideW() - geo.padW() + geo.dilationW() * (geo.kernelW() - 1) + 1);
        }

        /** The first tap at or after 0 of a window starting at {@code start}. */
        private static int firstInside(int start, int dilation) {
            return start >= 0 ? start : start + dilation * ((-start + dilation - 1) / dilation);
        }

        /**
         * The averaging divisor of output cell (i, j) (no dilation): the window within the padded input
         * with {@code countIncludePad} (a ceil-mode window may overhang it), else its cells inside the input.
         */
        float divisor(int i, int j, boolean countIncludePad) {
            if (!countIncludePad) {
                return (rowEnd(i) - rowStart(i)) * (colEnd(j) - colStart(j));
            }
            int top = i * geo.strideH() - geo.padH();
            int left = j * geo.strideW() - geo.padW();
            return (Math.min(top + geo.kernelH(), h + geo.padH()) - top)
                    * (Math.min(left + geo.kernelW(), w + geo.padW()) - left);
        }

        /** Whether LeNet's 2 × 2 stride-2 windows tile the input without padding, dilation or overhang. */
        boolean pairWindows() {
            return geo.kernelH() == 2 && geo.kernelW() == 2 && geo.strideH() == 2 && geo.strideW() == 2 && geo.padH() == 0
                    && geo.padW() == 0 && !geo.dilated() && 2 * oh <= h && 2 * ow <= w;
        }
    }

    /**
     * Window maxima and where they are ({@code h * W + w} within the plane; the first one on ties, and
     * the first NaN in window order wins, as in the arg-reductions that the float64 path and the CUDA
     * kernel use). 2 × 2 stride-2 unpadded windows go through {@link PairMax} (SIMD when available).
     */
    public static void maxForward(Planes s, float[] x, int xOff, float[] y, long[] indices) {
        if (s.pairWindows()) {
            PairMax rows = Simd.pairMax();
            Parallel.forRange(s.planes(), 1, (from, to) -> {
                for (int pl = from; pl < to; pl++) {
                    for (int i = 0; i < s.oh(); i++) {
                        rows.row(x, xOff + pl * s.h() * s.w() + 2 * i * s.w(), s.w(), 2 * i * s.w(), y,
                                indices, (pl * s.oh() + i) * s.ow(), s.ow());
                    }
                }
            });
            return;
        }
        int dh = s.geo().dilationH();
        int dw = s.geo().dilationW();
        Parallel.forRange(s.planes(), 1, (from, to) -> {
            for (int pl = from; pl < to; pl++) {
                int in = xOff + pl * s.h() * s.w();
                int out = pl * s.oh() * s.ow();
                for (int i = 0; i < s.oh(); i++) {
                    for (int j = 0; j < s.ow(); j++, out++) {
                        float best = Float.NEGATIVE_INFINITY;
                        int where = s.rowStart(i) * s.w() + s.colStart(j);
                        for (int r = s.rowStart(i); r < s.rowEnd(i); r += dh) {
                            for (int c = s.colStart(j); c < s.colEnd(j); c += dw) {
                                float v = x[in + r * s.w() + c];
                                if (v > best || (Float.isNaN(v) && !Float.isNaN(best))) {
                                    best = v;
                                    where = r * s.w() + c;
                                }
                            }
                        }
                        y[out] = x[in + where];
                        indices[out] = where;
                    }
                }
            }
        });
    }

    /** Routes each output gradient to its maximum's input cell, summing collisions. */
    public static void maxBackward(Planes s, float[] gy, int gyOff, long[] indices, int idxOff, float[] gx) {
        int hw = s.h() * s.w();
        int p = s.oh() * s.ow();
        Parallel.forRange(s.planes(), 1, (from, to) -> {
            Arrays.fill(gx, from * hw, to * hw, 0f);
            for (int pl = from; pl < to; pl++) {
                for (int q = 0; q < p; q++) {
                    gx[pl * hw + (int) indices[idxOff + pl * p + q]] += gy[gyOff + pl * p + q];
                }
            }
        });
    }

    /** Window means (average pooling has no dilation). */
    public static void avgForward(Planes s, float[] x, int xOff, boolean countIncludePad, float[] y) {
        Parallel.forRange(s.planes(), 1, (from, to) -> {
            for (int pl = from; pl < to; pl++) {
                int in = xOff + pl * s.h() * s.w();
                int out = pl * s.oh() * s.ow();
                for (int i = 0; i < s.oh(); i++) {
                    for (int j = 0; j < s.ow(); j++, out++) {
                        float sum = 0f;
                        for (int r = s.rowStart(i); r < s.rowEnd(i); r++) {
                            for (int c = s.colStart(j); c < s.colEnd(j); c++) {
                                sum += x[in + r * s.w() + c];
                            }
                        }
                        y[out] = sum / s.divisor(i, j, countIncludePad);
                    }
                }
            }
        });
    }

    /** Spreads each output gradient evenly over its window's cells. */
    public static void avgBackward(Planes s, float[] gy, int gyOff, boolean countIncludePad, float[] gx) {
        int hw = s.h() * s.w();
        Parallel.forRange(s.planes(), 1, (from, to) -> {
            Arrays.fill(gx, from * hw, to * hw, 0f);
            for (int pl = from; pl < to; pl++) {
                int out = gyOff + pl * s.oh() * s.ow();
                for (int i = 0; i < s.oh(); i++) {
                    for (int j = 0; j < s.ow(); j++, out++) {
                        float share = gy[out] / s.divisor(i, j, countIncludePad);
                        for (int r = s.rowStart(i); r < s.rowEnd(i); r++) {
                            for (int c = s.colStart(j); c < s.colEnd(j); c++) {
                                gx[pl * hw + r * s.w() + c] += share;
                            }
                        }
                    }
                }
            }
        });
    }
}
