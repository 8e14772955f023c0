package dev.nabla.cpu;

import dev.nabla.backend.Strided;

/** Gather and scatter-add along an axis. */
final class Indexer {

    private Indexer() {
    }

    /**
     * Iteration over an index tensor together with a same-shaped operand (operand 1) and the
     * indexed tensor's base (operand 2: its view with stride 0 along the axis), so that element i
     * of a block lives at {@link #position} in the indexed tensor.
     */
    private record Plan(Layout layout, long[] idx, int axisStride, int indexStride, int baseStride) {

        static Plan of(Strided indexed, int axis, Strided index, Strided other) {
            int[] strides = indexed.strides().clone();
            strides[axis] = 0;
            Strided base = new Strided(indexed.storage(), index.shape(), strides, indexed.offset());
            Layout layout = Layout.of(index.shape(), index, other, base);
            return new Plan(layout, (long[]) CpuBackend.data(index), indexed.strides()[axis], layout.innerStride(0),
                    layout.innerStride(2));
        }

        int position(int[] off, int i) {
            return off[2] + i * baseStride + (int) idx[off[0] + i * indexStride] * axisStride;
        }
    }

    static void gather(Strided x, int axis, Strided index, Strided out) {
        Plan plan = Plan.of(x, axis, index, out);
        Object in = CpuBackend.data(x);
        Object to = CpuBackend.data(out);
        int outStride = plan.layout().innerStride(1);
        if (in instanceof long[] from && to instanceof long[] into) {
            // a gather is a copy: int64 values beyond 2^53 must not pass through double
            plan.layout().forEachBlock((off, n, linear) -> {
                for (int i = 0; i < n; i++) {
                    into[off[1] + i * outStride] = from[plan.position(off, i)];
                }
            });
            return;
        }
        plan.layout().forEachBlock((off, n, linear) -> {
            double[] v = Blocks.scratch()[0];
            for (int i = 0; i < n; i++) {
                Blocks.load(in, plan.position(off, i), 1, v, i, 1);
            }
            Blocks.store(v, n, to, off[1], outStride);
        });
    }

    static void scatterAdd(Strided dst, int axis, Strided index, Strided src) {
        Plan plan = Plan.of(dst, axis, index, src);
        Object from = CpuBackend.data(src);
        Object to = CpuBackend.data(dst);
        int srcStride = plan.layout().innerStride(1);
        // sequential: two index entries may name the same destination
        if (from instanceof long[] values && to instanceof long[] into) {
            // exact, wrapping as PyTorch's int64 sums do
            plan.layout().forEachBlockSequentially((off, n, linear) -> {
                for (int i = 0; i < n; i++) {
                    into[plan.position(off, i)] += values[off[1] + i * srcStride];
                }
            });
            return;
        }
        plan.layout().forEachBlockSequentially((off, n, linear) -> {
            double[][] s = Blocks.scratch();
            Blocks.load(from, off[1], srcStride, s[0], n);
            for (int i = 0; i < n; i++) {
                int p = plan.position(off, i);
                Blocks.load(to, p, 1, s[1], 0, 1);
                s[1][0] += s[0][i];
                Blocks.store(s[1], 0, 1, to, p, 1);
            }
        });
    }
}
