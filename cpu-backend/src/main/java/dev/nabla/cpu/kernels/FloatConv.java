package dev.nabla.cpu.kernels;

import dev.nabla.cpu.Parallel;
import java.util.Arrays;
import java.util.Optional;

/**
 * Float NCHW convolution. 3×3 stride-1 convolutions with enough channels, and their data
 * gradients, go through Winograd's F(4×4, 3×3) ({@link WinogradConv}); depthwise ones run as
 * direct loops ({@link DepthwiseConv}); 1×1 unit-stride kernels are one {@link Sgemm} per image on
 * the input planes themselves. Unpadded convolutions compute the forward pass and the filter
 * gradient as implicit GEMMs that read the input in place ({@link ImplicitConv}). Everything else
 * works on chunks of images sized to stay in the L2 cache ({@link #CHUNK_ELEMENTS}): the chunk's
 * patches ({@link Patches}) feed one GEMM, so the weights are packed once per chunk rather than per
 * image. Chunks spread over the pool; a single chunk uses the pool inside its GEMM. All operands
 * are dense arrays with an offset; outputs are overwritten.
 */
public final class FloatConv {

    /** Per thread: the patch matrix and the chunk's output (or gradient) rows; on the caller, also the filter-gradient partials. */
    private static final ThreadBuffers BUFFERS = new ThreadBuffers(3);
    /** Buffered elements per chunk (patches plus output rows): 64 Ki floats, 256 KiB, half a Zen 3 core's L2. */
    private static final int CHUNK_ELEMENTS = 1 << 16;
    /** The most filter-gradient partial elements (one copy of the gradient per chunk) summed after a parallel run. */
    private static final int PARTIAL_ELEMENTS = 1 << 20;

    private FloatConv() {
    }

    /** {@code out = conv2d(x, w)}. */
    public static void forward(ConvShape s, float[] x, int xOff, float[] w, int wOff, float[] out, int outOff) {
        forward(s, x, xOff, w, wOff, out, outOff, CHUNK_ELEMENTS);
    }

    /** {@link #forward} with chunks of at most {@code chunkElements} buffered elements (at least one image). */
    static void forward(ConvShape s, float[] x, int xOff, float[] w, int wOff, float[] out, int outOff,
            int chunkElements) {
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
        if (s.pointwise()) {
            forEachImage(s.n(), (img, parallel) -> {
                for (int g = 0; g < s.groups(); g++) {
                    Sgemm.multiplyBatched(1, cg, p, k, w, new int[] {wOff + g * cg * k}, MatrixStrides.rowMajor(k), x,
                            new int[] {s.inputPlane(xOff, img, g)}, MatrixStrides.rowMajor(p), 0f, out,
                            new int[] {s.outputPlane(outOff, img, g)}, p, parallel);
                }
            });
            return;
        }
        if (ImplicitConv.applies(s)) {
            ImplicitConv.forward(s, x, xOff, w, wOff, out, outOff);
            return;
        }
        boolean patchRows = rowsFitBetter(cg);
        forEachChunk(s.n(), (k + cg) * p, chunkElements, (first, count, parallel) -> {
            int width = count * p;
            float[] patches = BUFFERS.get(0, k * width);
            float[] result = BUFFERS.get(1, cg * width);
            for (int g = 0; g < s.groups(); g++) {
                int[] weights = {wOff + g * cg * k};
                if (patchRows) {
                    for (int i = 0; i < count; i++) {
                        Patches.rows(s, x, s.inputPlane(xOff, first + i, g), patches, i * p * k);
                    }
                    Sgemm.multiplyBatched(1, width, cg, k, patches, new int[] {0}, MatrixStrides.rowMajor(k), w, weights,
                            MatrixStrides.transposed(k), 0f, result, new int[] {0}, cg, parallel);
                    for (int i = 0; i < count; i++) {
                        int plane = s.outputPlane(outOff, first + i, g);
                        for (int q = 0, at = i * p * cg; q < p; q++) {
                            for (int c = 0; c < cg; c++, at++) {
                                out[plane + c * p + q] = result[at];
                            }
                        }
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        Patches.columns(s, x, s.inputPlane(xOff, first + i, g), patches, i * p, width);
                    }
                    Sgemm.multiplyBatched(1, cg, width, k, w, weights, MatrixStrides.rowMajor(k), patches, new int[] {0},
                            MatrixStrides.rowMajor(width), 0f, result, new int[] {0}, width, parallel);
                    for (int i = 0; i < count; i++) {
                        int plane = s.outputPlane(outOff, first + i, g);
                        for (int c = 0; c < cg; c++) {
                            System.arraycopy(result, c * width + i * p, out, plane + c * p, p);
                        }
                    }
                }
            }
        });
    }

    /**
     * Whether the GEMM should produce patch rows × output channels rather than output channels ×
     * positions: the micro-kernel tile is {@code MR × NR} (6 × 16), and the channel count wastes
     * less of it as the NR side when it is a multiple of 16 or otherwise pads less that way.
     */
    private static boolean rowsFitBetter(int channels) {
        Blocking bl = Simd.sgemm().blocking();
        double asColumns = Math.ceil(channels / (double) bl.nr()) * bl.nr();
        double asRows = Math.ceil(channels / (double) bl.mr()) * bl.mr();
        return asColumns <= asRows;
    }

    /** {@code gradInput = conv2d's data gradient of gradOut}. */
    public static void backwardData(ConvShape s, float[] gy, int gyOff, float[] w, int wOff, float[] gx, int gxOff) {
        backwardData(s, gy, gyOff, w, wOff, gx, gxOff, CHUNK_ELEMENTS);
    }

    /**
     * {@link #backwardData} with chunks of at most {@code chunkElements} buffered elements: per chunk,
     * the gradient's planes side by side, one GEMM with the transposed weights into a column matrix,
     * then col2im onto the zeroed input planes.
     */
    static void backwardData(ConvShape s, float[] gy, int gyOff, float[] w, int wOff, float[] gx, int gxOff,
            int chunkElements) {
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
        if (s.pointwise()) {
            forEachImage(s.n(), (img, parallel) -> {
                for (int g = 0; g < s.groups(); g++) {
                    Sgemm.multiplyBatched(1, k, p, cg, w, new int[] {wOff + g * cg * k}, MatrixStrides.transposed(k), gy,
                            new int[] {s.outputPlane(gyOff, img, g)}, MatrixStrides.rowMajor(p), 0f, gx,
                            new int[] {s.inputPlane(gxOff, img, g)}, p, parallel);
                }
            });
            return;
        }
        int planes = s.cinPerGroup() * s.h() * s.w();
        forEachChunk(s.n(), (k + cg) * p, chunkElements, (first, count, parallel) -> {
            int width = count * p;
            float[] cols = BUFFERS.get(0, k * width);
            float[] grads = BUFFERS.get(1, cg * width);
            for (int g = 0; g < s.groups(); g++) {
                gatherPlanes(s, gy, gyOff, first, count, g, grads);
                Sgemm.multiplyBatched(1, k, width, cg, w, new int[] {wOff + g * cg * k}, MatrixStrides.transposed(k),
                        grads, new int[] {0}, MatrixStrides.rowMajor(width), 0f, cols, new int[] {0}, width, parallel);
                for (int i = 0; i < count; i++) {
                    int plane = s.inputPlane(gxOff, first + i, g);
                    Arrays.fill(gx, plane, plane + planes, 0f);
                    Patches.addColumns(s, cols, i * p, width, gx, plane);
                }
            }
        });
    }

    /**
     * {@code gradWeight = Σ over images of gradOut · patches}, one GEMM per chunk of images whose
     * patch rows are stacked ({@code [images · P, K]}) against the matching gradient planes side by
     * side, so the sum over a chunk's images is the GEMM's own reduction. Chunks run in parallel into
     * per-chunk partials summed in chunk order (or, when the partials would be large, in order with
     * beta = 1), so the result never depends on the thread count.
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
        int size = s.cout() * k;
        if (s.n() == 0 || p == 0) {
            Arrays.fill(gw, gwOff, gwOff + size, 0f);
            return;
        }
        boolean implicit = ImplicitConv.applies(s);
        int perImage = implicit ? ImplicitConv.filterElementsPerImage(s) : (k + cg) * p;
        FilterChunk body = implicit
                ? (first, count, target, at, accumulate, parallel) -> ImplicitConv.filterChunk(s, x, xOff, gy, gyOff,
                        first, count, target, at, accumulate, parallel)
                : (first, count, target, at, accumulate, parallel) -> filterChunk(s, x, xOff, gy, gyOff, first, count,
                        target, at, accumulate, parallel);
        int perChunk = imagesPerChunk(s.n(), perImage, chunkElements);
        int chunks = (s.n() + perChunk - 1) / perChunk;
        if (chunks == 1 || (long) chunks * size > PARTIAL_ELEMENTS) {
            for (int c = 0; c < chunks; c++) {
                int first = c * perChunk;
                body.run(first, Math.min(perChunk, s.n() - first), gw, gwOff, first > 0, true);
            }
            return;
        }
        float[] partials = BUFFERS.get(2, chunks * size);
        forEachChunk(s.n(), perImage, chunkElements, (first, count, parallel) ->
                body.run(first, count, partials, first / perChunk * size, false, parallel));
        System.arraycopy(partials, 0, gw, gwOff, size);
        for (int c = 1; c < chunks; c++) {
            for (int e = 0, at = c * size; e < size; e++, at++) {
                gw[gwOff + e] += partials[at];
            }
        }
    }

    /** One chunk's filter gradient, written to {@code target[at ...]} or (accumulate) added to it. */
    @FunctionalInterface
    private interface FilterChunk {
        void run(int first, int count, float[] target, int at, boolean accumulate, boolean parallel);
    }

    /** {@link FilterChunk} through a patch matrix (padded convolutions). */
    private static void filterChunk(ConvShape s, float[] x, int xOff, float[] gy, int gyOff, int first, int count,
            float[] target, int at, boolean accumulate, boolean parallel) {
        int k = s.k();
        int p = s.p();
        int cg = s.coutPerGroup();
        int width = count * p;
        float[] patches = BUFFERS.get(0, k * width);
        float[] grads = BUFFERS.get(1, cg * width);
        for (int g = 0; g < s.groups(); g++) {
            for (int i = 0; i < count; i++) {
                Patches.rows(s, x, s.inputPlane(xOff, first + i, g), patches, i * p * k);
            }
            gatherPlanes(s, gy, gyOff, first, count, g, grads);
            Sgemm.multiplyBatched(1, cg, k, width, grads, new int[] {0}, MatrixStrides.rowMajor(width), patches,
                    new int[] {0}, MatrixStrides.rowMajor(k), accumulate ? 1f : 0f, target, new int[] {at + g * cg * k}, k,
                    parallel);
        }
    }

    /** Copies group {@code g}'s output planes of images {@code first ..} side by side: {@code [Cout/G, count · P]}. */
    private static void gatherPlanes(ConvShape s, float[] gy, int gyOff, int first, int count, int g, float[] into) {
        int p = s.p();
        int width = count * p;
        for (int i = 0; i < count; i++) {
            int plane = s.outputPlane(gyOff, first + i, g);
            for (int c = 0; c < s.coutPerGroup(); c++) {
                System.arraycopy(gy, plane + c * p, into, c * width + i * p, p);
            }
        }
    }

    /** A body run for one image; {@code parallel} says whether its GEMMs may use the pool. */
    @FunctionalInterface
    private interface ImageBody {
        void run(int image, boolean parallel);
    }

    /** A body run for images {@code first .. first + count}; {@code parallel} as for {@link ImageBody}. */
    @FunctionalInterface
    private interface ChunkBody {
        void run(int first, int count, boolean parallel);
    }

    /** Images spread over the pool when there are enough of them, else one by one with parallel GEMMs. */
    private static void forEachImage(int n, ImageBody body) {
        forEachChunk(n, 1, 1, (first, count, parallel) -> body.run(first, parallel));
    }

    /** How many images of {@code perImage} buffered elements fit in {@code chunkElements}: at least one. */
    private static int imagesPerChunk(int n, int perImage, int chunkElements) {
        return Math.max(1, Math.min(n, chunkElements / Math.max(1, perImage)));
    }

    /** Chunks of images spread over the pool when there are at least as many as threads, else in turn with parallel GEMMs. */
    private static void forEachChunk(int n, int perImage, int chunkElements, ChunkBody body) {
        int size = imagesPerChunk(n, perImage, chunkElements);
        int chunks = (n + size - 1) / size;
        if (chunks >= Parallel.threads() && Parallel.threads() > 1) {
            Parallel.forRange(chunks, 1, (from, to) -> {
                for (int c = from; c < to; c++) {
                    body.run(c * size, Math.min(size, n - c * size), false);
                }
            });
        } else {
            for (int c = 0; c < chunks; c++) {
                body.run(c * size, Math.min(size, n - c * size), true);
            }
        }
    }
}
