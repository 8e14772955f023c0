package dev.nabla.cpu;

import dev.nabla.backend.Strided;

/** Gather and scatter-add along an axis. */
final class Indexer {

    private Indexer() {
    }

    /** A view of {@code t} with {@code shape}, whose stride along {@code axis} is 0: the base of each lookup. */
    private static Strided baseView(Strided t, int axis, int[] shape) {
        int[] strides = t.strides().clone();
        strides[axis] = 0;
        return new Strided(t.storage(), shape, strides, t.offset());
    }

    static void gather(Strided x, int axis, Strided index, Strided out) {
        Strided base = baseView(x, axis, index.shape());
        Layout layout = Layout.of(index.shape(), index, out, base);
        long[] idx = (long[]) CpuBackend.data(index);
        Object in = CpuBackend.data(x);
        Object to = CpuBackend.data(out);
        int axisStride = x.strides()[axis];
        int is = layout.innerStride(0);
        int bs = layout.innerStride(2);
        layout.forEachBlock((off, n, linear) -> {
            double[] v = Blocks.scratch()[0];
            for (int i = 0; i < n; i++) {
                int p = off[2] + i * bs + (int) idx[off[0] + i * is] * axisStride;
                Blocks.load(in, p, 1, v, i, 1);
            }
            Blocks.store(v, n, to, off[1], layout.innerStride(1));
        });
    }

    static void scatterAdd(Strided dst, int axis, Strided index, Strided src) {
        Strided base = baseView(dst, axis, index.shape());
        Layout layout = Layout.of(index.shape(), index, src, base);
        long[] idx = (long[]) CpuBackend.data(index);
        Object from = CpuBackend.data(src);
        Object to = CpuBackend.data(dst);
        int axisStride = dst.strides()[axis];
        int is = layout.innerStride(0);
        int bs = layout.innerStride(2);
        layout.forEachBlockSequentially((off, n, linear) -> {
            double[][] s = Blocks.scratch();
            Blocks.load(from, off[1], layout.innerStride(1), s[0], n);
            for (int i = 0; i < n; i++) {
                int p = off[2] + i * bs + (int) idx[off[0] + i * is] * axisStride;
                Blocks.load(to, p, 1, s[1], 0, 1);
                s[1][0] += s[0][i];
                Blocks.store(s[1], 0, 1, to, p, 1);
            }
        });
    }
}
