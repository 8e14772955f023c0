package dev.nabla.cpu;

import dev.nabla.backend.Strided;
import dev.nabla.backend.fast.ScanOp;

/**
 * Running sums and products along an axis, one line at a time, accumulated in double as PyTorch's CPU
 * kernel does (so a float32 cumsum rounds once per output, not once per step).
 */
final class CpuScan {

    private CpuScan() {
    }

    static void scan(ScanOp op, Strided x, int axis, boolean reverse, Strided out) {
        int n = x.shape()[axis];
        int xs = x.strides()[axis];
        int os = out.strides()[axis];
        Object in = CpuBackend.data(x);
        Object to = CpuBackend.data(out);
        Lines.forEach(x, out, axis, (inStart, outStart) -> {
            double[] buf = Blocks.scratch()[0];
            double acc = op.identity();
            for (int done = 0; done < n; done += Layout.BLOCK) {
                int m = Math.min(Layout.BLOCK, n - done);
                int first = reverse ? n - done - m : done;
                Blocks.load(in, inStart + first * xs, xs, buf, m);
                acc = reverse ? accumulateBackward(op, acc, buf, m) : accumulateForward(op, acc, buf, m);
                Blocks.store(buf, m, to, outStart + first * os, os);
            }
        });
    }

    /** Replaces {@code v[0..m)} by the running combination from {@code acc}; returns the last one. */
    private static double accumulateForward(ScanOp op, double acc, double[] v, int m) {
        for (int i = 0; i < m; i++) {
            acc = op == ScanOp.SUM ? acc + v[i] : acc * v[i];
            v[i] = acc;
        }
        return acc;
    }

    /** As {@link #accumulateForward}, from the block's end to its start. */
    private static double accumulateBackward(ScanOp op, double acc, double[] v, int m) {
        for (int i = m - 1; i >= 0; i--) {
            acc = op == ScanOp.SUM ? acc + v[i] : acc * v[i];
            v[i] = acc;
        }
        return acc;
    }
}
