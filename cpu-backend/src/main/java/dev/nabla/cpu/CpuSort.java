package dev.nabla.cpu;

import dev.nabla.backend.Strided;
import dev.nabla.backend.fast.LineSort;

/** Stable argsort along an axis: each line sorted in place of the storage (no copy of the keys), lines in parallel. */
final class CpuSort {

    /** Lines up to this long reuse per-thread buffers; longer ones allocate theirs, so no thread keeps a huge one. */
    private static final int CACHED_LINE = 1 << 16;
    /** Per-thread buffers for {@link LineSort}, grown up to {@link #CACHED_LINE}. */
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(() -> new Buffers(0));

    /** The order, the merge scratch and the mapped keys of one line. */
    private record Buffers(int[] order, int[] scratch, long[] ranks) {
        Buffers(int n) {
            this(new int[n], new int[n], new long[n]);
        }
    }

    private CpuSort() {
    }

    static void argsort(Strided x, int axis, boolean descending, Strided out) {
        int n = x.shape()[axis];
        int xs = x.strides()[axis];
        int os = out.strides()[axis];
        Object keys = CpuBackend.data(x);
        long[] positions = (long[]) CpuBackend.data(out);
        Lines.forEach(x, out, axis, (inStart, outStart) -> {
            Buffers buffers = n <= CACHED_LINE ? cached(n) : new Buffers(n);
            int[] order = buffers.order();
            LineSort.argsort(keys, inStart, xs, n, descending, order, buffers.scratch(), buffers.ranks());
            for (int i = 0; i < n; i++) {
                positions[outStart + i * os] = order[i];
            }
        });
    }

    private static Buffers cached(int n) {
        if (BUFFERS.get().order().length < n) {
            BUFFERS.set(new Buffers(n));
        }
        return BUFFERS.get();
    }
}
