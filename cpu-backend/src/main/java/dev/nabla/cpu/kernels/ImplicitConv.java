package dev.nabla.cpu.kernels;

import dev.nabla.cpu.Parallel;

/**
 * Unpadded convolutions (forward and filter gradient) as implicit GEMMs: the {@link ImplicitTile}
 * micro-kernel reads its left operand straight from the input planes through two offset tables —
 * where each kernel tap sits relative to a window's corner, and where each output position's
 * window starts — so no patch matrix is written and packed, which for the few channels of small
 * networks costs as much as the arithmetic. The right operand is packed into panels of 16 output
 * channels: the transposed weights for the forward pass, the output gradient for the filter
 * gradient.
 */
final class ImplicitConv {

    private static final int R = ImplicitTile.ROWS;
    private static final int C = ImplicitTile.COLS;
    /** Per thread: the packed weight panels (forward) and output-gradient panels (filter gradient). */
    private static final ThreadBuffers PANELS = new ThreadBuffers(2);
    /** Per thread: the window offsets of a chunk's output positions. */
    private static final ThreadLocal<int[]> POSITIONS = ThreadLocal.withInitial(() -> new int[0]);
    /** Multiply-adds a parallel task should at least get. */
    private static final int GRAIN_FMAS = 1 << 16;

    private ImplicitConv() {
    }

    /** Whether the input needs no padding: every window lies inside it. */
    static boolean applies(ConvShape s) {
        return s.geo().padH() == 0 && s.geo().padW() == 0;
    }

    /** Where each kernel tap (channel, row, column, in patch order) reads, relative to its window's corner. */
    static int[] tapOffsets(ConvShape s) {
        int[] taps = new int[s.k()];
        int at = 0;
        for (int c = 0; c < s.cinPerGroup(); c++) {
            for (int i = 0; i < s.kh(); i++) {
                for (int j = 0; j < s.kw(); j++) {
                    taps[at++] = (c * s.h() + i * s.geo().dilationH()) * s.w() + j * s.geo().dilationW();
                }
            }
        }
        return taps;
    }

    /** Where output position {@code q}'s window starts, relative to its image group's first input element. */
    static int windowOffset(ConvShape s, int q) {
        return q / s.ow() * s.geo().strideH() * s.w() + q % s.ow() * s.geo().strideW();
    }

    private static int blocks(ConvShape s) {
        return (s.coutPerGroup() + C - 1) / C;
    }

    /** {@code out = conv2d(x, w)}: tiles of six output positions × sixteen output channels. */
    static void forward(ConvShape s, float[] x, int xOff, float[] w, int wOff, float[] out, int outOff) {
        int k = s.k();
        int p = s.p();
        int cg = s.coutPerGroup();
        int blocks = blocks(s);
        int tiles = (p + R - 1) / R;
        int[] taps = tapOffsets(s);
        ImplicitTile kernel = Simd.implicitTile();
        for (int g = 0; g < s.groups(); g++) {
            int group = g;
            float[] panels = weightPanels(s, w, wOff, g);
            Parallel.forRange(s.n() * tiles, Math.max(1, GRAIN_FMAS / (k * blocks * R * C)), (from, to) -> {
                int[] rows = new int[R];
                float[] acc = new float[R * C];
                for (int u = from; u < to; u++) {
                    int img = u / tiles;
                    int first = u % tiles * R;
                    int valid = Math.min(R, p - first);
                    int base = s.inputPlane(xOff, img, group);
                    for (int i = 0; i < R; i++) {
                        rows[i] = base + windowOffset(s, first + Math.min(i, valid - 1));
                    }
                    int plane = s.outputPlane(outOff, img, group) + first;
                    for (int b = 0; b < blocks; b++) {
                        kernel.tile(x, rows, 0, taps, 0, k, panels, b * k * C, acc);
                        for (int j = 0; j < Math.min(C, cg - b * C); j++) {
                            for (int i = 0, at = plane + (b * C + j) * p; i < valid; i++) {
                                out[at + i] = acc[i * C + j];
                            }
                        }
                    }
                }
            });
        }
    }

    /** Group {@code g}'s weights transposed into panels of 16 output channels, {@code [K][16]} each, zero-padded. */
    private static float[] weightPanels(ConvShape s, float[] w, int wOff, int g) {
        int k = s.k();
        int cg = s.coutPerGroup();
        float[] panels = panels(0, blocks(s) * k * C);
        for (int c = 0; c < cg; c++) {
            int from = wOff + (g * cg + c) * k;
            int to = c / C * k * C + c % C;
            for (int t = 0; t < k; t++, to += C) {
                panels[to] = w[from + t];
            }
        }
        return panels;
    }

    /** Buffered elements one image adds to a filter-gradient chunk: its gradient panels and window offsets. */
    static int filterElementsPerImage(ConvShape s) {
        return s.p() * (blocks(s) * C + 1);
    }

    /**
     * The filter gradient of images {@code first .. first + count}, written to (or, with
     * {@code accumulate}, added to) {@code target[at ...]} in the weights' layout: tiles of six
     * kernel taps × sixteen output channels, each summing over the chunk's positions in order.
     */
    static void filterChunk(ConvShape s, float[] x, int xOff, float[] gy, int gyOff, int first, int count,
            float[] target, int at, boolean accumulate, boolean parallel) {
        int k = s.k();
        int p = s.p();
        int cg = s.coutPerGroup();
        int blocks = blocks(s);
        int width = count * p;
        int tapTiles = (k + R - 1) / R;
        int[] taps = tapOffsets(s);
        int[] positions = positions(width);
        for (int i = 0; i < count; i++) {
            int image = s.inputPlane(xOff, first + i, 0);
            for (int q = 0; q < p; q++) {
                positions[i * p + q] = image + windowOffset(s, q);
            }
        }
        ImplicitTile kernel = Simd.implicitTile();
        for (int g = 0; g < s.groups(); g++) {
            float[] panels = gradientPanels(s, gy, gyOff, first, count, g);
            int groupInput = g * s.cinPerGroup() * s.h() * s.w();
            int weights = at + g * cg * k;
            Parallel.RangeBody body = (from, to) -> {
                int[] rows = new int[R];
                float[] acc = new float[R * C];
                for (int t = from; t < to; t++) {
                    int tap = t * R;
                    int valid = Math.min(R, k - tap);
                    for (int i = 0; i < R; i++) {
                        rows[i] = groupInput + taps[tap + Math.min(i, valid - 1)];
                    }
                    for (int b = 0; b < blocks; b++) {
                        kernel.tile(x, rows, 0, positions, 0, width, panels, b * width * C, acc);
                        for (int j = 0; j < Math.min(C, cg - b * C); j++) {
                            for (int i = 0, cell = weights + (b * C + j) * k + tap; i < valid; i++, cell++) {
                                target[cell] = accumulate ? target[cell] + acc[i * C + j] : acc[i * C + j];
                            }
                        }
                    }
                }
            };
            if (parallel) {
                Parallel.forRange(tapTiles, 1, body);
            } else {
                body.run(0, tapTiles);
            }
        }
    }

    /** Group {@code g}'s output gradient of the chunk as panels of 16 channels, {@code [count · P][16]} each. */
    private static float[] gradientPanels(ConvShape s, float[] gy, int gyOff, int first, int count, int g) {
        int p = s.p();
        int cg = s.coutPerGroup();
        int width = count * p;
        int size = blocks(s) * width * C;
        float[] panels = panels(1, size);
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < cg; c++) {
                int from = s.outputPlane(gyOff, first + i, g) + c * p;
                int to = c / C * width * C + i * p * C + c % C;
                for (int q = 0; q < p; q++, to += C) {
                    panels[to] = gy[from + q];
                }
            }
        }
        return panels;
    }

    /** This thread's panel buffer {@code slot}, zeroed over its first {@code size} elements (the padding must read 0). */
    private static float[] panels(int slot, int size) {
        float[] panels = PANELS.get(slot, size);
        java.util.Arrays.fill(panels, 0, size, 0f);
        return panels;
    }

    private static int[] positions(int size) {
        int[] buf = POSITIONS.get();
        if (buf.length < size) {
            buf = new int[size];
            POSITIONS.set(buf);
        }
        return buf;
    }
}
