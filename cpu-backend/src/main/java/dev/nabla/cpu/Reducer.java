package dev.nabla.cpu;

import dev.nabla.backend.ReduceOp;
import dev.nabla.backend.Strided;

/**
 * Reductions: the input is split into kept (outer) and reduced (inner) dimensions; each output
 * element accumulates its inner sub-tensor in double precision, or exactly in long for INT64 ({@link LongMath}:
 * sums wrap as PyTorch's int64 does).
 */
final class Reducer {

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
        int innerStride = inner.innerStride(0);
        Object in = CpuBackend.data(x);
        Object to = CpuBackend.data(out);
        int rows = inner.rows();
        int len = inner.inner();
        Layout outer = Layout.of(s.keptX().shape(), s.keptX(), s.keptOut());
        if (in instanceof long[] values && to instanceof long[] into) {
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
            return;
        }
        double identity = op == ReduceOp.SUM ? 0 : op == ReduceOp.MAX ? Double.NEGATIVE_INFINITY
                : Double.POSITIVE_INFINITY;
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
                        Blocks.load(in, base + rs[0] + start * innerStride, innerStride, buf, m);
                        acc = combine(op, acc, buf, m);
                    }
                }
                result[e] = acc;
            }
            Blocks.store(result, n, to, off[1], outer.innerStride(1));
        });
    }

    private static double combine(ReduceOp op, double acc, double[] v, int n) {
        switch (op) {
            case SUM -> {
                for (int i = 0; i < n; i++) {
                    acc += v[i];
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    acc = v[i] > acc || Double.isNaN(v[i]) ? v[i] : acc;
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    acc = v[i] < acc || Double.isNaN(v[i]) ? v[i] : acc;
                }
            }
        }
        return acc;
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
