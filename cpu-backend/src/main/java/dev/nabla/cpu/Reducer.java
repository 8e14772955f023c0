package dev.nabla.cpu;

import dev.nabla.backend.ReduceOp;
import dev.nabla.backend.Strided;

/**
 * Reductions: the input is split into kept (outer) and reduced (inner) dimensions; each output
 * element accumulates its inner sub-tensor in double precision, or exactly in long for INT64 ({@link LongMath}:
 * sums wrap as PyTorch's int64 does).
 */
final class Reducer {

    /** Outputs per run of {@link #columns}: a few KB of accumulators and loaded values, in L1. */
    private static final int COLUMNS = 256;
    /** Input elements per parallel task of {@link #columns}. */
    private static final long GRAIN_ELEMENTS = 1 << 15;

    private Reducer() {
    }

    /** Splits x into the kept part (with out's strides) and the reduced part. */
    private record Split(Strided keptX, Strided keptOut, Strided reduced) {
    }

    private static Split split(Strided x, Strided out, int onlyAxis) {
        int rank = x.rank();
        int keptCount = 0;
        for (int d = 0; d < rank; d++) {
            if (!isReduced(x, out, d, onlyAxis)) {
                keptCount++;
            }
        }
        int[] keptShape = new int[keptCount];
        int[] keptXStrides = new int[keptCount];
        int[] keptOutStrides = new int[keptCount];
        int[] redShape = new int[rank - keptCount];
        int[] redStrides = new int[rank - keptCount];
        for (int d = 0, k = 0, r = 0; d < rank; d++) {
            if (isReduced(x, out, d, onlyAxis)) {
                redShape[r] = x.shape()[d];
                redStrides[r++] = x.strides()[d];
            } else {
                keptShape[k] = x.shape()[d];
                keptXStrides[k] = x.strides()[d];
                keptOutStrides[k++] = out.strides()[d];
            }
        }
        return new Split(new Strided(x.storage(), keptShape, keptXStrides, x.offset()),
                new Strided(out.storage(), keptShape, keptOutStrides, out.offset()),
                new Strided(x.storage(), redShape, redStrides, 0));
    }

    private static boolean isReduced(Strided x, Strided out, int d, int onlyAxis) {
        return onlyAxis >= 0 ? d == onlyAxis : out.shape()[d] == 1 && x.shape()[d] != 1;
    }

    static void reduce(ReduceOp op, Strided x, Strided out) {
        Split s = split(x, out, -1);
        Layout inner = Layout.of(s.reduced().shape(), s.reduced());
        Layout outer = Layout.of(s.keptX().shape(), s.keptX(), s.keptOut());
        Object in = CpuBackend.data(x);
        Object to = CpuBackend.data(out);
        if (in instanceof long[] values && to instanceof long[] into) {
            longs(op, values, into, outer, inner);
            return;
        }
        double identity = op == ReduceOp.SUM ? 0 : op == ReduceOp.MAX ? Double.NEGATIVE_INFINITY
                : Double.POSITIVE_INFINITY;
        if (outer.innerStride(0) == 1 && outer.inner() > 1 && inner.innerStride(0) != 1) {
            columns(op, in, to, outer, inner, identity);
        } else {
            rows(op, in, to, outer, inner, identity);
        }
    }

    /** INT64 in exact long arithmetic, each output over its reduced values in row-major order. */
    private static void longs(ReduceOp op, long[] values, long[] into, Layout outer, Layout inner) {
        int innerStride = inner.innerStride(0);
        int rows = inner.rows();
        int len = inner.inner();
        outer.forEachBlock((off, n, linear) -> {
            int[] rs = new int[1];
            for (int e = 0; e < n; e++) {
                int base = off[0] + e * outer.innerStride(0);
                long acc = LongMath.identity(op);
                for (int row = 0; row < rows; row++) {
                    inner.rowOffsets(row, rs);
                    acc = LongMath.combine(op, acc, values, base + rs[0], innerStride, len);
                }
                into[off[1] + e * outer.innerStride(1)] = acc;
            }
        });
    }

    /** Each output element walks its reduced values (block by block) on its own: the reduced values are adjacent. */
    private static void rows(ReduceOp op, Object in, Object to, Layout outer, Layout inner, double identity) {
        int innerStride = inner.innerStride(0);
        int rows = inner.rows();
        int len = inner.inner();
        outer.forEachBlock((off, n, linear) -> {
            double[] result = Blocks.scratch()[1];
            double[] buf = Blocks.scratch()[0];
            int[] rs = new int[1];
            for (int e = 0; e < n; e++) {
                int base = off[0] + e * outer.innerStride(0);
                double acc = identity;
                for (int row = 0; row < rows; row++) {
                    inner.rowOffsets(row, rs);
                    for (int start = 0; start < len; start += Layout.BLOCK) {
                        int m = Math.min(Layout.BLOCK, len - start);
                        int at = base + rs[0] + start * innerStride;
                        if (op == ReduceOp.SUM && innerStride == 1 && in instanceof float[] f) {
                            for (int i = at; i < at + m; i++) {
                                acc += f[i];
                            }
                        } else {
                            Blocks.load(in, at, innerStride, buf, m);
                            acc = combine(op, acc, buf, m);
                        }
                    }
                }
                result[e] = acc;
            }
            Blocks.store(result, n, to, off[1], outer.innerStride(1));
        });
    }

    /**
     * The kept values are adjacent (a sum over rows, as for a bias gradient): a run of up to {@link #COLUMNS}
     * outputs keeps its accumulators while the reduced elements pass in order, each adding one adjacent run, so
     * memory is read front to back rather than one strided column per output. Every output still combines its
     * values in the same order as {@link #rows}, so the results are identical.
     */
    private static void columns(ReduceOp op, Object in, Object to, Layout outer, Layout inner, double identity) {
        int redStride = inner.innerStride(0);
        int rows = inner.rows();
        int len = inner.inner();
        int width = outer.inner();
        int runs = (width + COLUMNS - 1) / COLUMNS;
        long perRun = (long) Math.min(COLUMNS, width) * rows * len;
        int grain = (int) Math.max(1, GRAIN_ELEMENTS / Math.max(1, perRun));
        Parallel.forRange(outer.rows() * runs, grain, (from, until) -> {
            double[] acc = new double[COLUMNS];
            double[] buf = Blocks.scratch()[0];
            int[] kept = new int[2];
            int[] rs = new int[1];
            for (int u = from; u < until; u++) {
                outer.rowOffsets(u / runs, kept);
                int j0 = (u % runs) * COLUMNS;
                int n = Math.min(COLUMNS, width - j0);
                java.util.Arrays.fill(acc, 0, n, identity);
                for (int row = 0; row < rows; row++) {
                    inner.rowOffsets(row, rs);
                    for (int t = 0, at = kept[0] + j0 + rs[0]; t < len; t++, at += redStride) {
                        Blocks.load(in, at, 1, buf, n);
                        combineInto(op, acc, buf, n);
                    }
                }
                Blocks.store(acc, n, to, kept[1] + j0 * outer.innerStride(1), outer.innerStride(1));
            }
        });
    }

    /** {@code acc[i] = op(acc[i], v[i])} for {@code i < n}. */
    private static void combineInto(ReduceOp op, double[] acc, double[] v, int n) {
        if (op == ReduceOp.SUM) {
            for (int i = 0; i < n; i++) {
                acc[i] += v[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                acc[i] = step(op, acc[i], v[i]);
            }
        }
    }

    /** {@code acc} combined with {@code v[0..n)} in order. */
    private static double combine(ReduceOp op, double acc, double[] v, int n) {
        if (op == ReduceOp.SUM) {
            for (int i = 0; i < n; i++) {
                acc += v[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                acc = step(op, acc, v[i]);
            }
        }
        return acc;
    }

    /** One MAX or MIN step: the larger (smaller) value, and a NaN wins. */
    private static double step(ReduceOp op, double acc, double v) {
        boolean better = op == ReduceOp.MAX ? v > acc : v < acc;
        return better || Double.isNaN(v) ? v : acc;
    }

    static void argReduce(ReduceOp op, Strided x, int axis, Strided out) {
        Split s = split(x, out, axis);
        int len = x.shape()[axis];
        int stride = x.strides()[axis];
        Object in = CpuBackend.data(x);
        long[] to = (long[]) CpuBackend.data(out);
        Layout outer = Layout.of(s.keptX().shape(), s.keptX(), s.keptOut());
        if (in instanceof long[] values) {
            outer.forEachBlock((off, n, linear) -> {
                for (int e = 0; e < n; e++) {
                    to[off[1] + e * outer.innerStride(1)] = LongMath.argBest(op, values,
                            off[0] + e * outer.innerStride(0), stride, len);
                }
            });
            return;
        }
        outer.forEachBlock((off, n, linear) -> {
            double[] buf = Blocks.scratch()[0];
            for (int e = 0; e < n; e++) {
                int base = off[0] + e * outer.innerStride(0);
                long best = 0;
                double bestValue = Double.NaN;
                for (int start = 0; start < len; start += Layout.BLOCK) {
                    int m = Math.min(Layout.BLOCK, len - start);
                    Blocks.load(in, base + start * stride, stride, buf, m);
                    for (int i = 0; i < m; i++) {
                        double v = buf[i];
                        boolean better = start + i == 0 || (op == ReduceOp.MAX ? v > bestValue : v < bestValue)
                                || (Double.isNaN(v) && !Double.isNaN(bestValue));
                        if (better) {
                            bestValue = v;
                            best = start + i;
                        }
                    }
                }
                to[off[1] + e * outer.innerStride(1)] = best;
            }
        });
    }
}
