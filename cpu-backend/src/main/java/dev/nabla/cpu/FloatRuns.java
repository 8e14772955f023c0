package dev.nabla.cpu;

import dev.nabla.backend.BinaryOp;
import dev.nabla.backend.UnaryOp;

/**
 * Runs {@link FloatMath} over strided float operands: unit-stride operands are read and written in
 * place, others (broadcast stride 0, transposed views) go through the calling thread's block-sized
 * scratch, so the kernels only ever see contiguous runs.
 */
final class FloatRuns {

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[4][Layout.BLOCK]);

    private FloatRuns() {
    }

    static void unary(UnaryOp op, float[] x, int xo, int xs, float[] out, int oo, int os, int n) {
        float[][] s = SCRATCH.get();
        float[] in = dense(x, xo, xs, s[0], n);
        int from = in == x ? xo : 0;
        if (os == 1) {
            FloatMath.unary(op, in, from, out, oo, n);
        } else {
            FloatMath.unary(op, in, from, s[3], 0, n);
            scatter(s[3], out, oo, os, n);
        }
    }

    static void binary(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] out, int oo, int os,
            int n) {
        float[][] s = SCRATCH.get();
        float[] da = dense(a, ao, as, s[0], n);
        float[] db = dense(b, bo, bs, s[1], n);
        int fa = da == a ? ao : 0;
        int fb = db == b ? bo : 0;
        if (os == 1) {
            FloatMath.binary(op, da, fa, db, fb, out, oo, n);
        } else {
            FloatMath.binary(op, da, fa, db, fb, s[3], 0, n);
            scatter(s[3], out, oo, os, n);
        }
    }

    static void where(float[] c, int co, int cs, float[] a, int ao, int as, float[] b, int bo, int bs, float[] out,
            int oo, int os, int n) {
        float[][] s = SCRATCH.get();
        float[] dc = dense(c, co, cs, s[0], n);
        float[] da = dense(a, ao, as, s[1], n);
        float[] db = dense(b, bo, bs, s[2], n);
        int fc = dc == c ? co : 0;
        int fa = da == a ? ao : 0;
        int fb = db == b ? bo : 0;
        if (os == 1) {
            FloatMath.where(dc, fc, da, fa, db, fb, out, oo, n);
        } else {
            FloatMath.where(dc, fc, da, fa, db, fb, s[3], 0, n);
            scatter(s[3], out, oo, os, n);
        }
    }

    static void copy(float[] src, int so, int ss, float[] dst, int dOff, int ds, int n) {
        if (ss == 1 && ds == 1) {
            System.arraycopy(src, so, dst, dOff, n);
            return;
        }
        for (int i = 0, p = so, q = dOff; i < n; i++, p += ss, q += ds) {
            dst[q] = src[p];
        }
    }

    static void fill(float[] dst, int off, int stride, float value, int n) {
        if (stride == 1) {
            java.util.Arrays.fill(dst, off, off + n, value);
            return;
        }
        for (int i = 0, q = off; i < n; i++, q += stride) {
            dst[q] = value;
        }
    }

    /** {@code x} itself when unit-stride, else its {@code n} elements gathered into {@code scratch}. */
    private static float[] dense(float[] x, int off, int stride, float[] scratch, int n) {
        if (stride == 1) {
            return x;
        }
        if (stride == 0) {
            // a broadcast value: a fill, which C2 vectorises, where the strided gather loop stays scalar
            java.util.Arrays.fill(scratch, 0, n, x[off]);
            return scratch;
        }
        copy(x, off, stride, scratch, 0, 1, n);
        return scratch;
    }

    private static void scatter(float[] run, float[] out, int off, int stride, int n) {
        copy(run, 0, 1, out, off, stride, n);
    }
}
