package dev.nabla.cpu;

import dev.nabla.backend.Strided;
import dev.nabla.backend.fast.LineSort;

/** Stable argsort along an axis: each line sorted in place of the storage (no copy of the keys), lines in parallel. */
final class CpuSort {

    /** Per-thread position buffers: the order and the merge scratch. */
    private static final ThreadLocal<int[][]> BUFFERS = ThreadLocal.withInitial(() -> new int[2][0]);

    private CpuSort() {
    }

    static void argsort(Strided x, int axis, boolean descending, Strided out) {
        int n = x.shape()[axis];
        int xs = x.strides()[axis];
        int os = out.strides()[axis];
        Object keys = CpuBackend.data(x);
        long[] positions = (long[]) CpuBackend.data(out);
        Lines.forEach(x, out, axis, (inStart, outStart) -> {
            int[][] buffers = BUFFERS.get();
            if (buffers[0].length < n) {
                buffers[0] = new int[n];
                buffers[1] = new int[n];
            }
            int[] order = buffers[0];
            LineSort.argsort(keys, inStart, xs, n, descending, order, buffers[1]);
            for (int i = 0; i < n; i++) {
                positions[outStart + i * os] = order[i];
            }
        });
    }
}
