package dev.nabla.cpu.kernels;

import java.util.Arrays;

/**
 * The few element-wise array operations a blocked GEMM needs outside its micro-kernel, for one
 * primitive element type; {@link BlockedGemm} is written once against them.
 *
 * @param <A> the element array type
 */
interface GemmArrays<A> {

    /** A zeroed array of {@code n} elements. */
    A allocate(int n);

    /** The array's length. */
    int length(A array);

    /**
     * Packs one micro-kernel panel: {@code dst[at + p · width + r] = src[start + r · across + p · along]}
     * for {@code r < lines}, {@code p < kc}, and zeros for {@code lines <= r < width}.
     */
    void packPanel(A src, int start, int across, int along, A dst, int at, int lines, int width, int kc);

    /** {@code a[from..to) = 0}. */
    void clear(A a, int from, int to);

    /**
     * Packs a whole block whose lines are adjacent ({@code across == 1}) into panels of
     * {@code width} lines from {@code dst[at]}, as {@link #packPanel} would panel by panel. It walks depth-outer, so
     * every source run is read once, front to back, in wide array copies; panel by panel, a depth
     * step reads only {@code width} values before jumping {@code along} ahead, which measured 2–5×
     * slower for a 16-wide B block read from memory.
     */
    default void packAdjacentLines(A src, int start, int along, int extent, int kc, int width, A dst, int at) {
        int full = extent - extent % width;
        int panelSize = kc * width;
        for (int p = 0; p < kc; p++) {
            int from = start + p * along;
            int to = at + p * width;
            for (int i = 0; i < full; i += width, to += panelSize) {
                System.arraycopy(src, from + i, dst, to, width);
            }
            if (full < extent) {
                System.arraycopy(src, from + full, dst, to, extent - full);
                clear(dst, to + extent - full, to + width);
            }
        }
    }

    /** {@code c[from..to) *= factor}, rounding the factor to the element type first. */
    void scale(A c, int from, int to, double factor);

    /** {@code c[at + j] (+)= tile[from + j·stride]} for {@code j < n}. */
    void merge(A tile, int from, int stride, A c, int at, int n, boolean accumulate);

    /** The float32 operations. */
    GemmArrays<float[]> FLOAT = new GemmArrays<>() {
        @Override
        public float[] allocate(int n) {
            return new float[n];
        }

        @Override
        public int length(float[] array) {
            return array.length;
        }

        @Override
        public void packPanel(float[] src, int start, int across, int along, float[] dst, int at, int lines, int width,
                int kc) {
            if (across == 1) {
                // a depth step's lines are adjacent: short sequential copies
                for (int p = 0; p < kc; p++) {
                    int from = start + p * along;
                    int to = at + p * width;
                    for (int r = 0; r < lines; r++) {
                        dst[to + r] = src[from + r];
                    }
                    for (int r = lines; r < width; r++) {
                        dst[to + r] = 0f;
                    }
                }
                return;
            }
            // each line is read along its own run, so reads stay sequential when along == 1
            for (int r = 0; r < width; r++) {
                int from = start + r * across;
                for (int p = 0, to = at + r; p < kc; p++, to += width) {
                    dst[to] = r < lines ? src[from + p * along] : 0f;
                }
            }
        }

        @Override
        public void clear(float[] a, int from, int to) {
            Arrays.fill(a, from, to, 0f);
        }

        @Override
        public void scale(float[] c, int from, int to, double factor) {
            float f = (float) factor;
            for (int j = from; j < to; j++) {
                c[j] *= f;
            }
        }

        @Override
        public void merge(float[] tile, int from, int stride, float[] c, int at, int n, boolean accumulate) {
            for (int j = 0, q = from; j < n; j++, q += stride) {
                c[at + j] = accumulate ? c[at + j] + tile[q] : tile[q];
            }
        }
    };

    /** The float64 operations. */
    GemmArrays<double[]> DOUBLE = new GemmArrays<>() {
        @Override
        public double[] allocate(int n) {
            return new double[n];
        }

        @Override
        public int length(double[] array) {
            return array.length;
        }

        @Override
        public void packPanel(double[] src, int start, int across, int along, double[] dst, int at, int lines, int width,
                int kc) {
            if (across == 1) {
                // a depth step's lines are adjacent: short sequential copies
                for (int p = 0; p < kc; p++) {
                    int from = start + p * along;
                    int to = at + p * width;
                    for (int r = 0; r < lines; r++) {
                        dst[to + r] = src[from + r];
                    }
                    for (int r = lines; r < width; r++) {
                        dst[to + r] = 0.0;
                    }
                }
                return;
            }
            // each line is read along its own run, so reads stay sequential when along == 1
            for (int r = 0; r < width; r++) {
                int from = start + r * across;
                for (int p = 0, to = at + r; p < kc; p++, to += width) {
                    dst[to] = r < lines ? src[from + p * along] : 0.0;
                }
            }
        }

        @Override
        public void clear(double[] a, int from, int to) {
            Arrays.fill(a, from, to, 0.0);
        }

        @Override
        public void scale(double[] c, int from, int to, double factor) {
            for (int j = from; j < to; j++) {
                c[j] *= factor;
            }
        }

        @Override
        public void merge(double[] tile, int from, int stride, double[] c, int at, int n, boolean accumulate) {
            for (int j = 0, q = from; j < n; j++, q += stride) {
                c[at + j] = accumulate ? c[at + j] + tile[q] : tile[q];
            }
        }
    };
}
