package dev.nabla.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.DType;
import dev.nabla.backend.BinaryOp;
import dev.nabla.backend.CounterRng;
import dev.nabla.backend.RandomOp;
import dev.nabla.backend.ReduceOp;
import dev.nabla.backend.Storage;
import dev.nabla.backend.Strided;
import dev.nabla.backend.UnaryOp;
import org.junit.jupiter.api.Test;

/** The primitives on strided operands: offsets, transposes, zero strides, dtype conversion, big and small work. */
class CpuBackendTest {

    private static final CpuBackend CPU = CpuBackend.INSTANCE;

    private static Strided doubles(double[] v, int[] shape, int[] strides, int offset) {
        return new Strided(CPU.upload(v), shape, strides, offset);
    }

    private static double[] iota(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    private static Strided dense(DType dtype, int... shape) {
        return Strided.contiguous(CPU.allocate(dtype, numel(shape)), shape);
    }

    private static int numel(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    @Test
    void copyReadsOffsetsAndStridesAndConverts() {
        // storage 0..19; view [3, 2] starting at 5 with strides [1, 6] (a transposed, offset window)
        Strided src = doubles(iota(20), new int[] {3, 2}, new int[] {1, 6}, 5);
        assertArrayEquals(new double[] {5, 11, 6, 12, 7, 13}, (double[]) CPU.download(src));
        Strided f = dense(DType.FLOAT32, 3, 2);
        CPU.copy(src, f);
        assertArrayEquals(new float[] {5, 11, 6, 12, 7, 13}, (float[]) CPU.download(f));
        Strided negatives = doubles(new double[] {-1.9, 2.9}, new int[] {2}, new int[] {1}, 0);
        Strided l = dense(DType.INT64, 2);
        CPU.copy(negatives, l);
        assertArrayEquals(new long[] {-1, 2}, (long[]) CPU.download(l));
        Strided big = new Strided(CPU.upload(new long[] {(1L << 60) + 1}), new int[] {1}, new int[] {1}, 0);
        Strided bigCopy = dense(DType.INT64, 1);
        CPU.copy(big, bigCopy);
        assertArrayEquals(new long[] {(1L << 60) + 1}, (long[]) CPU.download(bigCopy), "INT64 copies stay exact");
    }

    @Test
    void fillAndUnaryWriteOnlyTheView() {
        Storage s = CPU.upload(new double[12]);
        Strided everyThird = new Strided(s, new int[] {2, 2}, new int[] {6, 3}, 1);
        CPU.fill(everyThird, 2);
        CPU.unary(UnaryOp.EXP, everyThird, everyThird);
        double e2 = Math.exp(2);
        assertArrayEquals(new double[] {0, e2, 0, 0, e2, 0, 0, e2, 0, 0, e2, 0}, (double[]) ((CpuStorage) s).data());
    }

    @Test
    void binaryAndWhereBroadcastThroughZeroStrides() {
        Strided row = doubles(new double[] {99, 1, 2, 3}, new int[] {2, 3}, new int[] {0, 1}, 1);
        Strided col = doubles(new double[] {10, 20}, new int[] {2, 3}, new int[] {1, 0}, 0);
        Strided out = dense(DType.FLOAT64, 2, 3);
        CPU.binary(BinaryOp.ADD, row, col, out);
        assertArrayEquals(new double[] {11, 12, 13, 21, 22, 23}, (double[]) CPU.download(out));
        Strided cond = doubles(new double[] {1, 0, 1}, new int[] {2, 3}, new int[] {0, 1}, 0);
        Strided w = dense(DType.FLOAT64, 2, 3);
        CPU.where(cond, row, col, w);
        assertArrayEquals(new double[] {1, 10, 3, 1, 20, 3}, (double[]) CPU.download(w));
    }

    @Test
    void reduceKeepsAndReducesAnyDimensionsOfAStridedInput() {
        // x = iota(24) viewed as [4, 3, 2] transposed from [2, 3, 4], plus an offset view of the output
        Strided x = doubles(iota(24), new int[] {4, 3, 2}, new int[] {1, 4, 12}, 0);
        Strided out = new Strided(CPU.allocate(DType.FLOAT64, 10), new int[] {1, 3, 1}, new int[] {0, 2, 0}, 3);
        CPU.reduce(ReduceOp.SUM, x, out);
        // sum over i (dim 0) and k (dim 2) of i + 4j + 12k = 2*(0+1+2+3) + 8*4j + 4*12
        double[] all = (double[]) ((CpuStorage) out.storage()).data();
        for (int j = 0; j < 3; j++) {
            assertEquals(12 + 32 * j + 48, all[3 + 2 * j]);
        }
        Strided max = dense(DType.FLOAT64, 4, 1, 1);
        CPU.reduce(ReduceOp.MAX, x, max);
        assertArrayEquals(new double[] {20, 21, 22, 23}, (double[]) CPU.download(max));
        Strided arg = dense(DType.INT64, 4, 3, 1);
        CPU.argReduce(ReduceOp.MIN, x, 2, arg);
        assertArrayEquals(new long[12], (long[]) CPU.download(arg));
        Strided nan = doubles(new double[] {1, Double.NaN, 5}, new int[] {3}, new int[] {1}, 0);
        Strided nanMax = dense(DType.FLOAT64, 1);
        CPU.reduce(ReduceOp.MAX, nan, nanMax);
        assertEquals(Double.NaN, ((double[]) CPU.download(nanMax))[0], "NaN propagates");
        Strided nanArg = dense(DType.INT64, 1);
        CPU.argReduce(ReduceOp.MAX, nan, 0, nanArg);
        assertEquals(1, ((long[]) CPU.download(nanArg))[0]);
    }

    @Test
    void bigReductionsSplitAcrossThreadsMatchSmallOnes() {
        int rows = 3000;
        int cols = 257;
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(i);
        }
        Strided x = doubles(v, new int[] {rows, cols}, new int[] {cols, 1}, 0);
        Strided sums = dense(DType.FLOAT64, rows, 1);
        CPU.reduce(ReduceOp.SUM, x, sums);
        double[] got = (double[]) CPU.download(sums);
        for (int r = 0; r < rows; r++) {
            Strided one = doubles(v, new int[] {1, cols}, new int[] {cols, 1}, r * cols);
            Strided small = dense(DType.FLOAT64, 1, 1);
            CPU.reduce(ReduceOp.SUM, one, small);
            assertEquals(((double[]) CPU.download(small))[0], got[r], 0.0, "row " + r);
        }
    }

    @Test
    void randomDependsOnlyOnSeedAndCounter() {
        int n = 100_000;
        Strided u = dense(DType.FLOAT64, n);
        CPU.random(RandomOp.UNIFORM, 9, 1000, -1, 1, u);
        double[] got = (double[]) CPU.download(u);
        for (int i = 0; i < n; i += 331) {
            assertEquals(-1 + 2 * CounterRng.uniform(9, 1000 + i), got[i], 1e-15);
        }
        // a transposed output receives element i (row-major in the view) from counter i
        Strided t = new Strided(CPU.allocate(DType.FLOAT64, 6), new int[] {2, 3}, new int[] {1, 2}, 0);
        CPU.random(RandomOp.NORMAL, 4, 0, 0, 1, t);
        double[] viewOrder = (double[]) CPU.download(t);
        for (int i = 0; i < 6; i++) {
            assertEquals(CounterRng.normal(4, i), viewOrder[i], 1e-15);
        }
    }

    @Test
    void gatherAndScatterAddWithOffsets() {
        Strided x = doubles(iota(10), new int[] {2, 3}, new int[] {3, 1}, 4); // [[4,5,6],[7,8,9]]
        Strided idx = new Strided(CPU.upload(new long[] {-7, 2, 0, 1}), new int[] {2, 1}, new int[] {1, 1}, 2);
        Strided out = dense(DType.FLOAT64, 2, 1);
        CPU.gather(x, 1, idx, out);
        assertArrayEquals(new double[] {4, 8}, (double[]) CPU.download(out));
        Strided dst = dense(DType.FLOAT64, 2, 3);
        Strided dup = new Strided(CPU.upload(new long[] {1, 1, 2, 2}), new int[] {2, 2}, new int[] {2, 1}, 0);
        Strided src = doubles(new double[] {1, 2, 3, 4}, new int[] {2, 2}, new int[] {2, 1}, 0);
        CPU.scatterAdd(dst, 1, dup, src);
        assertArrayEquals(new double[] {0, 3, 0, 0, 0, 7}, (double[]) CPU.download(dst));
    }
}
