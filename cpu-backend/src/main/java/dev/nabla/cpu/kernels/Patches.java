package dev.nabla.cpu.kernels;

import java.util.Arrays;

/**
 * Moves one image group's convolution windows between its input planes and a patch matrix (im2col
 * and its adjoint col2im). A patch has {@code K = Cin/G · KH · KW} values ordered by channel,
 * kernel row, kernel column; taps outside the input read as zero. Two layouts: the column matrix
 * ({@code [K, positions]}, one row per tap, several images side by side) and patch rows
 * ({@code [positions, K]}, one row per output position, several images stacked).
 */
final class Patches {

    private Patches() {
    }

    /**
     * Writes the column matrix of the image group whose first input plane starts at {@code plane}:
     * tap row {@code r}, output position {@code q} goes to {@code out[off + r · rowStride + q]}.
     */
    static void columns(ConvShape s, float[] x, int plane, float[] out, int off, int rowStride) {
        int sw = s.geo().strideW();
        for (int c = 0; c < s.cinPerGroup(); c++) {
            int src = plane + c * s.h() * s.w();
            for (int i = 0; i < s.kh(); i++) {
                for (int j = 0; j < s.kw(); j++) {
                    int row = off + ((c * s.kh() + i) * s.kw() + j) * rowStride;
                    int lo = s.firstColumn(j);
                    int hi = Math.max(lo, s.endColumn(j));
                    for (int o = 0; o < s.oh(); o++) {
                        int dst = row + o * s.ow();
                        int ih = s.inputRow(o, i);
                        if (ih < 0 || ih >= s.h()) {
                            Arrays.fill(out, dst, dst + s.ow(), 0f);
                            continue;
                        }
                        zero(out, dst, dst + lo);
                        zero(out, dst + hi, dst + s.ow());
                        int at = src + ih * s.w() + s.inputColumn(lo, j);
                        if (sw == 1) {
                            System.arraycopy(x, at, out, dst + lo, hi - lo);
                        } else {
                            for (int q = lo; q < hi; q++, at += sw) {
                                out[dst + q] = x[at];
                            }
                        }
                    }
                }
            }
        }
    }

    /** Adds a column matrix laid out as {@link #columns} writes it back onto the input planes at {@code plane}. */
    static void addColumns(ConvShape s, float[] cols, int off, int rowStride, float[] gx, int plane) {
        int sw = s.geo().strideW();
        for (int c = 0; c < s.cinPerGroup(); c++) {
            int dst = plane + c * s.h() * s.w();
            for (int i = 0; i < s.kh(); i++) {
                for (int j = 0; j < s.kw(); j++) {
                    int row = off + ((c * s.kh() + i) * s.kw() + j) * rowStride;
                    int lo = s.firstColumn(j);
                    int hi = s.endColumn(j);
                    for (int o = 0; o < s.oh(); o++) {
                        int ih = s.inputRow(o, i);
                        if (ih < 0 || ih >= s.h()) {
                            continue;
                        }
                        int at = dst + ih * s.w() + s.inputColumn(lo, j);
                        int src = row + o * s.ow();
                        for (int q = lo; q < hi; q++, at += sw) {
                            gx[at] += cols[src + q];
                        }
                    }
                }
            }
        }
    }

    /**
     * Writes the patch rows of the image group at {@code plane}: output position {@code q}'s
     * {@code K} values go to {@code out[off + q · K ...]}. Writes are sequential; windows wholly
     * inside the input skip the bounds checks.
     */
    static void rows(ConvShape s, float[] x, int plane, float[] out, int off) {
        int hw = s.h() * s.w();
        int dh = s.geo().dilationH();
        int dw = s.geo().dilationW();
        int dst = off;
        for (int o = 0; o < s.oh(); o++) {
            int top = s.inputRow(o, 0);
            boolean rowsInside = top >= 0 && s.inputRow(o, s.kh() - 1) < s.h();
            for (int q = 0; q < s.ow(); q++) {
                int left = s.inputColumn(q, 0);
                boolean inside = rowsInside && left >= 0 && s.inputColumn(q, s.kw() - 1) < s.w();
                for (int c = 0; c < s.cinPerGroup(); c++) {
                    for (int i = 0; i < s.kh(); i++) {
                        int ih = top + i * dh;
                        int at = plane + c * hw + ih * s.w() + left;
                        if (inside) {
                            for (int j = 0; j < s.kw(); j++) {
                                out[dst++] = x[at + j * dw];
                            }
                            continue;
                        }
                        boolean rowInside = ih >= 0 && ih < s.h();
                        for (int j = 0; j < s.kw(); j++) {
                            int iw = left + j * dw;
                            out[dst++] = rowInside && iw >= 0 && iw < s.w() ? x[at + j * dw] : 0f;
                        }
                    }
                }
            }
        }
    }

    /** Zeroes {@code out[from, to)}; the guard skips the call for the empty ranges of interior rows. */
    private static void zero(float[] out, int from, int to) {
        if (from < to) {
            Arrays.fill(out, from, to, 0f);
        }
    }
}
