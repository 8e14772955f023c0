package dev.nabla.cpu.kernels;

import dev.nabla.cpu.Parallel;
import java.util.Arrays;

/**
 * Float NCHW convolution on {@link Sgemm}: per image and group, im2col into a thread-local
 * column buffer then one GEMM (1×1 unit-stride kernels skip im2col: the input plane is the
 * column matrix); the data gradient is a GEMM followed by col2im; the filter gradient sums one
 * GEMM per image. Depthwise convolutions run as direct loops ({@link DepthwiseConv}). All
 * operands are dense arrays with an offset; outputs are overwritten.
 */
public final class FloatConv {

    private static final ThreadLocal<float[][]> COLUMNS = ThreadLocal.withInitial(() -> new float[1][0]);

    private FloatConv() {
    }

    /** {@code out = conv2d(x, w)}. */
    public static void forward(ConvShape s, float[] x, int xOff, float[] w, int wOff, float[] out, int outOff) {
        if (s.depthwise()) {
            DepthwiseConv.forward(s, x, xOff, w, wOff, out, outOff);
            return;
        }
        int k = s.k();
        int p = s.p();
        int cg = s.coutPerGroup();
        forEachImage(s.n(), (img, parallel) -> {
            for (int g = 0; g < s.groups(); g++) {
                int plane = xOff + (img * s.cin() + g * s.cinPerGroup()) * s.h() * s.w();
                float[] cols = s.pointwise() ? x : im2col(s, x, plane);
                int colOff = s.pointwise() ? plane : 0;
                Sgemm.multiplyBatched(1, cg, p, k, w, new int[] {wOff + g * cg * k}, MatrixStrides.rowMajor(k), cols,
                        new int[] {colOff}, MatrixStrides.rowMajor(p), 0f, out,
                        new int[] {outOff + (img * s.cout() + g * cg) * p}, p, parallel);
            }
        });
    }

    /** {@code gradInput = conv2d's data gradient of gradOut}. */
    public static void backwardData(ConvShape s, float[] gy, int gyOff, float[] w, int wOff, float[] gx, int gxOff) {
        if (s.depthwise()) {
            DepthwiseConv.backwardData(s, gy, gyOff, w, wOff, gx, gxOff);
            return;
        }
        int k = s.k();
        int p = s.p();
        int cg = s.coutPerGroup();
        int planes = s.cinPerGroup() * s.h() * s.w();
        forEachImage(s.n(), (img, parallel) -> {
            for (int g = 0; g < s.groups(); g++) {
                int plane = gxOff + (img * s.cin() + g * s.cinPerGroup()) * s.h() * s.w();
                float[] target = s.pointwise() ? gx : columns(k * p);
                Sgemm.multiplyBatched(1, k, p, cg, w, new int[] {wOff + g * cg * k}, MatrixStrides.transposed(k), gy,
                        new int[] {gyOff + (img * s.cout() + g * cg) * p}, MatrixStrides.rowMajor(p), 0f, target,
                        new int[] {s.pointwise() ? plane : 0}, p, parallel);
                if (!s.pointwise()) {
                    Arrays.fill(gx, plane, plane + planes, 0f);
                    col2im(s, target, gx, plane);
                }
            }
        });
    }

    /** {@code gradWeight = Σ over images of gradOut · columnsᵀ}. */
    public static void backwardFilter(ConvShape s, float[] x, int xOff, float[] gy, int gyOff, float[] gw, int gwOff) {
        if (s.depthwise()) {
            DepthwiseConv.backwardFilter(s, x, xOff, gy, gyOff, gw, gwOff);
            return;
        }
        int k = s.k();
        int p = s.p();
        int cg = s.coutPerGroup();
        // images in order with a parallel GEMM each: the sum over the batch stays deterministic
        for (int img = 0; img < s.n(); img++) {
            for (int g = 0; g < s.groups(); g++) {
                int plane = xOff + (img * s.cin() + g * s.cinPerGroup()) * s.h() * s.w();
                float[] cols = s.pointwise() ? x : im2col(s, x, plane);
                Sgemm.multiplyBatched(1, cg, k, p, gy, new int[] {gyOff + (img * s.cout() + g * cg) * p},
                        MatrixStrides.rowMajor(p), cols, new int[] {s.pointwise() ? plane : 0},
                        MatrixStrides.transposed(p), img == 0 ? 0f : 1f, gw, new int[] {gwOff + g * cg * k}, k, true);
            }
        }
        if (s.n() == 0) {
            Arrays.fill(gw, gwOff, gwOff + s.cout() * k, 0f);
        }
    }

    /** A body run for one image; {@code parallel} says whether its GEMMs may use the pool. */
    @FunctionalInterface
    private interface ImageBody {
        void run(int image, boolean parallel);
    }

    /** Images spread over the pool when there are enough of them, else one by one with parallel GEMMs. */
    private static void forEachImage(int n, ImageBody body) {
        if (n >= Parallel.threads() && Parallel.threads() > 1) {
            Parallel.forRange(n, 1, (from, to) -> {
                for (int img = from; img < to; img++) {
                    body.run(img, false);
                }
            });
        } else {
            for (int img = 0; img < n; img++) {
                body.run(img, true);
            }
        }
    }

    /** This thread's column buffer, at least {@code size} long. */
    private static float[] columns(int size) {
        float[][] holder = COLUMNS.get();
        if (holder[0].length < size) {
            holder[0] = new float[size];
        }
        return holder[0];
    }

    /** The [Cin/G · KH · KW, OH · OW] column matrix of one image's group, starting at input plane {@code plane}. */
    static float[] im2col(ConvShape s, float[] x, int plane) {
        int p = s.p();
        float[] cols = columns(s.k() * p);
        int sw = s.geo().strideW();
        for (int c = 0; c < s.cinPerGroup(); c++) {
            int src = plane + c * s.h() * s.w();
            for (int i = 0; i < s.kh(); i++) {
                for (int j = 0; j < s.kw(); j++) {
                    int row = ((c * s.kh() + i) * s.kw() + j) * p;
                    int lo = s.firstColumn(j);
                    int hi = Math.max(lo, s.endColumn(j));
                    for (int o = 0; o < s.oh(); o++) {
                        int dst = row + o * s.ow();
                        int ih = s.inputRow(o, i);
                        if (ih < 0 || ih >= s.h()) {
                            Arrays.fill(cols, dst, dst + s.ow(), 0f);
                            continue;
                        }
                        Arrays.fill(cols, dst, dst + lo, 0f);
                        Arrays.fill(cols, dst + hi, dst + s.ow(), 0f);
                        int at = src + ih * s.w() + s.inputColumn(lo, j);
                        if (sw == 1) {
                            System.arraycopy(x, at, cols, dst + lo, hi - lo);
                        } else {
                            for (int q = lo; q < hi; q++, at += sw) {
                                cols[dst + q] = x[at];
                            }
                        }
                    }
                }
            }
        }
        return cols;
    }

    /** Adds a column matrix back onto the (zeroed) input planes of one image's group: the adjoint of im2col. */
    static void col2im(ConvShape s, float[] cols, float[] gx, int plane) {
        int p = s.p();
        int sw = s.geo().strideW();
        for (int c = 0; c < s.cinPerGroup(); c++) {
            int dst = plane + c * s.h() * s.w();
            for (int i = 0; i < s.kh(); i++) {
                for (int j = 0; j < s.kw(); j++) {
                    int row = ((c * s.kh() + i) * s.kw() + j) * p;
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
}
