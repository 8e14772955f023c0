package dev.nabla.cpu.kernels;

import dev.nabla.cpu.Parallel;

/**
 * Direct float loops for depthwise convolutions (one input and one output channel per group),
 * where a GEMM would have a single row. Every pass walks the same (kernel tap, output row,
 * valid output column range) triples; planes are spread over the pool.
 */
final class DepthwiseConv {

    private DepthwiseConv() {
    }

    /** What one pass does with one tap over the valid columns of one output row. */
    @FunctionalInterface
    private interface RowStep {
        /**
         * @param in index of the first input cell read (column {@code lo})
         * @param out index of output cell {@code lo} of the row
         * @param tap index of the weight tap
         * @param count valid columns
         * @param step input distance between consecutive output columns
         */
        void run(int in, int out, int tap, int count, int step);
    }

    /** Walks every tap and output row of the plane pair (input plane {@code in}, output plane {@code out}). */
    private static void walk(ConvShape s, int in, int out, int taps, RowStep step) {
        for (int i = 0; i < s.kh(); i++) {
            for (int j = 0; j < s.kw(); j++) {
                int lo = s.firstColumn(j);
                int hi = s.endColumn(j);
                if (hi <= lo) {
                    continue;
                }
                for (int o = 0; o < s.oh(); o++) {
                    int ih = s.inputRow(o, i);
                    if (ih >= 0 && ih < s.h()) {
                        step.run(in + ih * s.w() + s.inputColumn(lo, j), out + o * s.ow() + lo, taps + i * s.kw() + j,
                                hi - lo, s.geo().strideW());
                    }
                }
            }
        }
    }

    /**
     * Runs {@code step} over every plane pair of a pass that writes one plane per (image,
     * channel): the written plane ({@code size} cells at {@code targetOff}) is zeroed first.
     */
    private static void perPlane(ConvShape s, float[] target, int targetOff, int size, int inOff, int inSize,
            int outOff, int outSize, int wOff, RowStep step) {
        int kk = s.kh() * s.kw();
        Parallel.forRange(s.n() * s.cin(), 1, (from, to) -> {
            java.util.Arrays.fill(target, targetOff + from * size, targetOff + to * size, 0f);
            for (int plane = from; plane < to; plane++) {
                walk(s, inOff + plane * inSize, outOff + plane * outSize, wOff + (plane % s.cin()) * kk, step);
            }
        });
    }

    static void forward(ConvShape s, float[] x, int xOff, float[] w, int wOff, float[] y, int yOff) {
        int hw = s.h() * s.w();
        perPlane(s, y, yOff, s.p(), xOff, hw, yOff, s.p(), wOff, (in, out, tap, count, step) -> {
            float wt = w[tap];
            for (int q = 0; q < count; q++) {
                y[out + q] += wt * x[in + q * step];
            }
        });
    }

    static void backwardData(ConvShape s, float[] gy, int gyOff, float[] w, int wOff, float[] gx, int gxOff) {
        int hw = s.h() * s.w();
        perPlane(s, gx, gxOff, hw, gxOff, hw, gyOff, s.p(), wOff, (in, out, tap, count, step) -> {
            float wt = w[tap];
            for (int q = 0; q < count; q++) {
                gx[in + q * step] += wt * gy[out + q];
            }
        });
    }

    static void backwardFilter(ConvShape s, float[] x, int xOff, float[] gy, int gyOff, float[] gw, int gwOff) {
        int hw = s.h() * s.w();
        int p = s.p();
        int kk = s.kh() * s.kw();
        Parallel.forRange(s.cin(), 1, (from, to) -> {
            for (int c = from; c < to; c++) {
                double[] acc = new double[kk];
                for (int img = 0; img < s.n(); img++) {
                    int plane = img * s.cin() + c;
                    walk(s, xOff + plane * hw, gyOff + plane * p, 0, (in, out, tap, count, step) -> {
                        double sum = 0;
                        for (int q = 0; q < count; q++) {
                            sum += gy[out + q] * x[in + q * step];
                        }
                        acc[tap] += sum;
                    });
                }
                for (int t = 0; t < kk; t++) {
                    gw[gwOff + c * kk + t] = (float) acc[t];
                }
            }
        });
    }
}
