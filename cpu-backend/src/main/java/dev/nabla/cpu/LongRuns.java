package dev.nabla.cpu;

import dev.nabla.backend.BinaryOp;
import dev.nabla.backend.UnaryOp;

/**
 * Runs {@link LongMath} over strided INT64 operands: each block is gathered into the calling thread's long
 * scratch, computed there and scattered back, so no value passes through double.
 */
final class LongRuns {

    private static final ThreadLocal<long[][]> SCRATCH = ThreadLocal.withInitial(() -> new long[3][Layout.BLOCK]);

    private LongRuns() {
    }

    static void unary(UnaryOp op, long[] x, int xo, int xs, long[] out, int oo, int os, int n) {
        long[] v = SCRATCH.get()[0];
        Blocks.copyLongs(x, xo, xs, v, 0, 1, n);
        LongMath.unary(op, v, n);
        Blocks.copyLongs(v, 0, 1, out, oo, os, n);
    }

    static void binary(BinaryOp op, long[] a, int ao, int as, long[] b, int bo, int bs, long[] out, int oo, int os,
            int n) {
        long[][] s = SCRATCH.get();
        Blocks.copyLongs(a, ao, as, s[0], 0, 1, n);
        Blocks.copyLongs(b, bo, bs, s[1], 0, 1, n);
        LongMath.binary(op, s[0], s[1], n);
        Blocks.copyLongs(s[0], 0, 1, out, oo, os, n);
    }

    static void where(long[] c, int co, int cs, long[] a, int ao, int as, long[] b, int bo, int bs, long[] out,
            int oo, int os, int n) {
        for (int i = 0, pc = co, pa = ao, pb = bo, q = oo; i < n; i++, pc += cs, pa += as, pb += bs, q += os) {
            out[q] = c[pc] != 0 ? a[pa] : b[pb];
        }
    }

    /** INT64 to FLOAT32 with one rounding, as Java's {@code (float) long} and PyTorch do (never through double). */
    static void toFloats(long[] src, int so, int ss, float[] dst, int dOff, int ds, int n) {
        for (int i = 0, p = so, q = dOff; i < n; i++, p += ss, q += ds) {
            dst[q] = src[p];
        }
    }
}
