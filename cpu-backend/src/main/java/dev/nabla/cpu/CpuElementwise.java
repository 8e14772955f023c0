package dev.nabla.cpu;

import dev.nabla.backend.BinaryOp;
import dev.nabla.backend.Strided;
import dev.nabla.backend.UnaryOp;

/**
 * The CPU's elementwise primitives: copy, fill, unary, binary and where over strided operands of
 * one shape. When every operand is float32 the work runs on float runs ({@link FloatRuns}); when every
 * operand is INT64 it runs exactly on long runs ({@link LongRuns}); any other mix, and the INT64 unary ops
 * with no integer form, widen blocks to double ({@link Blocks}, {@link DoubleMath}) so one kernel serves
 * every dtype. The float32 and double paths give the same float32 results bit for bit.
 */
final class CpuElementwise {

    private CpuElementwise() {
    }

    static void copy(Strided src, Strided dst) {
        Layout layout = Layout.of(dst.shape(), src, dst);
        Object from = CpuBackend.data(src);
        Object to = CpuBackend.data(dst);
        int ss = layout.innerStride(0);
        int ds = layout.innerStride(1);
        if (from instanceof float[] f && to instanceof float[] g) {
            layout.forEachRun((off, n, linear) -> FloatRuns.copy(f, off[0], ss, g, off[1], ds, n));
        } else if (from instanceof long[] l && to instanceof long[] m) {
            layout.forEachBlock((off, n, linear) -> Blocks.copyLongs(l, off[0], ss, m, off[1], ds, n));
        } else if (from instanceof long[] l && to instanceof float[] g) {
            // through double a long would be rounded twice, to 53 bits and then to 24
            layout.forEachBlock((off, n, linear) -> LongRuns.toFloats(l, off[0], ss, g, off[1], ds, n));
        } else {
            layout.forEachBlock((off, n, linear) -> {
                double[] x = Blocks.scratch()[0];
                Blocks.load(from, off[0], ss, x, n);
                Blocks.store(x, n, to, off[1], ds);
            });
        }
    }

    static void fill(Strided dst, double value) {
        Layout layout = Layout.of(dst.shape(), dst);
        Object to = CpuBackend.data(dst);
        int ds = layout.innerStride(0);
        if (to instanceof float[] f) {
            float v = (float) value;
            layout.forEachRun((off, n, linear) -> FloatRuns.fill(f, off[0], ds, v, n));
            return;
        }
        layout.forEachBlock((off, n, linear) -> {
            double[] x = Blocks.scratch()[0];
            java.util.Arrays.fill(x, 0, n, value);
            Blocks.store(x, n, to, off[0], ds);
        });
    }

    static void unary(UnaryOp op, Strided x, Strided out) {
        Layout layout = Layout.of(out.shape(), x, out);
        Object in = CpuBackend.data(x);
        Object to = CpuBackend.data(out);
        int xs = layout.innerStride(0);
        int os = layout.innerStride(1);
        if (in instanceof float[] f && to instanceof float[] g) {
            layout.forEachRun((off, n, linear) -> FloatRuns.unary(op, f, off[0], xs, g, off[1], os, n));
            return;
        }
        if (in instanceof long[] l && to instanceof long[] m && LongMath.isExact(op)) {
            layout.forEachBlock((off, n, linear) -> LongRuns.unary(op, l, off[0], xs, m, off[1], os, n));
            return;
        }
        layout.forEachBlock((off, n, linear) -> {
            double[] v = Blocks.scratch()[0];
            Blocks.load(in, off[0], xs, v, n);
            DoubleMath.unary(op, v, n);
            Blocks.store(v, n, to, off[1], os);
        });
    }

    static void binary(BinaryOp op, Strided a, Strided b, Strided out) {
        Layout layout = Layout.of(out.shape(), a, b, out);
        Object da = CpuBackend.data(a);
        Object db = CpuBackend.data(b);
        Object to = CpuBackend.data(out);
        int as = layout.innerStride(0);
        int bs = layout.innerStride(1);
        int os = layout.innerStride(2);
        if (da instanceof float[] fa && db instanceof float[] fb && to instanceof float[] fo) {
            layout.forEachRun((off, n, linear) -> FloatRuns.binary(op, fa, off[0], as, fb, off[1], bs, fo, off[2], os, n));
            return;
        }
        if (da instanceof long[] la && db instanceof long[] lb && to instanceof long[] lo) {
            layout.forEachBlock((off, n, linear) -> LongRuns.binary(op, la, off[0], as, lb, off[1], bs, lo, off[2], os,
                    n));
            return;
        }
        layout.forEachBlock((off, n, linear) -> {
            double[][] s = Blocks.scratch();
            Blocks.load(da, off[0], as, s[0], n);
            Blocks.load(db, off[1], bs, s[1], n);
            DoubleMath.binary(op, s[0], s[1], n);
            Blocks.store(s[0], n, to, off[2], os);
        });
    }

    static void where(Strided cond, Strided a, Strided b, Strided out) {
        Layout layout = Layout.of(out.shape(), cond, a, b, out);
        Object dc = CpuBackend.data(cond);
        Object da = CpuBackend.data(a);
        Object db = CpuBackend.data(b);
        Object to = CpuBackend.data(out);
        int cs = layout.innerStride(0);
        int as = layout.innerStride(1);
        int bs = layout.innerStride(2);
        int os = layout.innerStride(3);
        if (dc instanceof float[] fc && da instanceof float[] fa && db instanceof float[] fb && to instanceof float[] fo) {
            layout.forEachRun((off, n, linear) -> FloatRuns.where(fc, off[0], cs, fa, off[1], as, fb, off[2], bs, fo,
                    off[3], os, n));
            return;
        }
        if (dc instanceof long[] lc && da instanceof long[] la && db instanceof long[] lb && to instanceof long[] lo) {
            layout.forEachBlock((off, n, linear) -> LongRuns.where(lc, off[0], cs, la, off[1], as, lb, off[2], bs, lo,
                    off[3], os, n));
            return;
        }
        layout.forEachBlock((off, n, linear) -> {
            double[][] s = Blocks.scratch();
            Blocks.load(dc, off[0], cs, s[0], n);
            Blocks.load(da, off[1], as, s[1], n);
            Blocks.load(db, off[2], bs, s[2], n);
            for (int i = 0; i < n; i++) {
                s[1][i] = s[0][i] != 0 ? s[1][i] : s[2][i];
            }
            Blocks.store(s[1], n, to, off[3], os);
        });
    }
}
