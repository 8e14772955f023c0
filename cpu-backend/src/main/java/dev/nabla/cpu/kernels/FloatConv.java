package dev.nabla.cpu.kernels;

import dev.nabla.cpu.Parallel;
import java.util.Arrays;
import java.util.Optional;

/**
 * Float NCHW convolution on {@link Sgemm}: 3×3 stride-1 convolutions with enough channels go through
 * Winograd's F(2×2, 3×3) ({@link WinogradConv}), and so do their data gradients; otherwise, per image and group, im2col into a thread-local
 * column buffer then one GEMM (1×1 unit-stride kernels skip im2col: the input plane is the
 * column matrix); the data gradient is a GEMM followed by col2im; the filter gradient is one GEMM
 * per chunk of images whose patches are stacked as rows. Depthwise convolutions run as direct loops ({@link DepthwiseConv}). All
 * operands are dense arrays with an offset; outputs are overwritten.
 */
public final class FloatConv {

    /** Per thread: the column matrix and, for the filter gradient, the gathered output-gradient rows. */
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[2][0]);
    /** Elements of the filter gradient's per-chunk buffers (columns plus gradient rows): 4 M floats, 16 MiB. */
    private static final int CHUNK_ELEMENTS = 1 << 22;

    private FloatConv() {
    }

    /** {@code out = conv2d(x, w)}. */
    public static void forward(ConvShape s, float[] x, int xOff, float[] w, int wOff, float[] out, int outOff) {
        if (s.depthwise()) {
            DepthwiseConv.forward(s, x, xOff, w, wOff, out, outOff);
            return;
        }
        if (WinogradConv.applies(s)) {
            float[] u = WinogradConv.transformFilters(s, w, wOff);
            forEachImage(s.n(), (img, parallel) -> WinogradConv.forwardImage(s, x, xOff, u, out, outOff, img, parallel));
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
        Optional<ConvShape> transposed = WinogradConv.transposed(s);
        if (transposed.isPresent()) {
            ConvShape t = transposed.get();
            float[] u = WinogradConv.transformFilters(t, WinogradConv.rotatedFilters(s, w, wOff), 0);
            forEachImage(s.n(), (img, parallel) -> WinogradConv.forwardImage(t, gy, gyOff, u, gx, gxOff, img, parallel));
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

    /**
     * {@code gradWeight = Σ over images of gradOut · columnsᵀ}, as one GEMM per chunk of images: the
     * chunk's patches are stacked one per row ({@code [images · P, K]}, so packing reads them in order)
     * and gradOut's matching rows side by side, so the sum over images is the GEMM's own reduction
     * instead of one small GEMM per image.
     * Chunks run in order (beta = 1 after the first), so the result does not depend on the thread count.
     */
    public static void backwardFilter(ConvShape s, float[] x, int xOff, float[] gy, int gyOff, float[] gw, int gwOff) {
        backwardFilter(s, x, xOff, gy, gyOff, gw, gwOff, CHUNK_ELEMENTS);
    }

    /** {@link #backwardFilter} with chunks of at most {@code chunkElements} buffered elements (at least one image). */
    static void backwardFilter(ConvShape s, float[] x, int xOff, float[] gy, int gyOff, float[] gw, int gwOff,
            int chunkElements) {
        if (s.depthwise()) {
            DepthwiseConv.backwardFilter(s, x, xOff, gy, gyOff, gw, gwOff);
            return;
        }
        int k = s.k();
        int p = s.p();
        int cg = s.coutPerGroup();
        if (s.n() == 0 || p == 0) {
            Arrays.fill(gw, gwOff, gwOff + s.cout() * k, 0f);
            return;
        }
        int chunk = Math.max(1, Math.min(s.n(), chunkElements / Math.max(1, (k + cg) * p)));
        for (int g = 0; g < s.groups(); g++) {
            int group = g;
            for (int first = 0; first < s.n(); first += chunk) {
                int images = Math.min(chunk, s.n() - first);
                int width = images * p;
                float[] patches = buffer(0, k * width);
                float[] grads = buffer(1, cg * width);
                int start = first;
                Parallel.forRange(images, 1, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        int img = start + i;
                        unfold(s, x, xOff + (img * s.cin() + group * s.cinPerGroup()) * s.h() * s.w(), patches, i * p * k, 1,
                                k);
                        for (int c = 0; c < cg; c++) {
                            System.arraycopy(gy, gyOff + (img * s.cout() + group * cg + c) * p, grads, c * width + i * p, p);
                        }
                    }
                });
                Sgemm.multiplyBatched(1, cg, k, width, grads, new int[] {0}, MatrixStrides.rowMajor(width), patches,
                        new int[] {0}, MatrixStrides.rowMajor(k), first == 0 ? 0f : 1f, gw,
                        new int[] {gwOff + g * cg * k}, k, true);
            }
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

    /** This thread's buffer {@code slot}, at least {@code size} long. */
    private static float[] buffer(int slot, int size) {
        float[][] holder = BUFFERS.get();
        if (holder[slot].length < size) {
            holder[slot] = new float[size];
        }
        return holder[slot];
    }

    /** This thread's column buffer, at least {@code size} long. */
    private static float[] columns(int size) {
        return buffer(0, size);
    }

    /** The [Cin/G · KH · KW, OH · OW] column matrix of one image's group, starting at input plane {@code plane}. */
    static float[] im2col(ConvShape s, float[] x, int plane) {
        float[] cols = columns(s.k() * s.p());
        unfold(s, x, plane, cols, 0, s.p(), 1);
        return cols;
    }

    /**
     * Writes one image group's patches into {@code out}: the value of patch row {@code r} (one input
     * channel and kernel offset) at output position {@code q} goes to {@code off + r · rowStride + q · posStride}.
     * With {@code (P, 1)} that is the column matrix; with {@code (1, K)} its transpose, one patch per
     * row, which lets several images stack up as the rows of one GEMM operand.
     */
    static void unfold(ConvShape s, float[] x, int plane, float[] out, int off, int rowStride, int posStride) {
        int sw = s.geo().strideW();
        for (int c = 0; c < s.cinPerGroup(); c++) {
            int src = plane + c * s.h() * s.w();
            for (int i = 0; i < s.kh(); i++) {
                for (int j = 0; j < s.kw(); j++) {
                    int row = off + ((c * s.kh() + i) * s.kw() + j) * rowStride;
                    int lo = s.firstColumn(j);
                    int hi = Math.max(lo, s.endColumn(j));
                    for (int o = 0; o < s.oh(); o++) {
                        int dst = row + o * s.ow() * posStride;
                        int ih = s.inputRow(o, i);
                        int at = src + ih * s.w() + s.inputColumn(lo, j);
                        boolean inside = ih >= 0 && ih < s.h();
                        if (posStride == 1) {
                            Arrays.fill(out, dst, dst + (inside ? lo : s.ow()), 0f);
                            if (inside) {
                                Arrays.fill(out, dst + hi, dst + s.ow(), 0f);
                                if (sw == 1) {
                                    System.arraycopy(x, at, out, dst + lo, hi - lo);
                                    continue;
                                }
                                for (int q = lo; q < hi; q++, at += sw) {
                                    out[dst + q] = x[at];
                                }
                            }
                            continue;
                        }
                        for (int q = 0; q < s.ow(); q++) {
                            out[dst + q * posStride] = inside && q >= lo && q < hi ? x[at + (q - lo) * sw] : 0f;
                        }
                    }
                }
            }
        }
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
