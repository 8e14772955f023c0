package dev.nabla;

import static dev.nabla.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.backend.Backend;
import dev.nabla.backend.Backends;
import dev.nabla.backend.fast.ReferenceKernels;
import dev.nabla.backend.fast.ScanKernel;
import dev.nabla.backend.fast.ScanOp;
import dev.nabla.backend.fast.SortKernel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * cumsum/cumprod, sort/argsort/topk and max/min with positions: hand-worked values, and both ways a backend can
 * compute scans and sorts — the CPU fast paths and core's reference on primitives (the path CUDA takes) —
 * against naive loops over strided inputs of every dtype.
 */
class ScanSortTest {

    private static final Backend CPU = Backends.get(Device.CPU);

    @Test
    void cumsumAndCumprodByHand() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new double[] {1, 3, 6, 4, 9, 15}, x.cumsum(1).toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {1, 2, 3, 5, 7, 9}, x.cumsum(0).toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {1, 2, 6, 4, 20, 120}, x.cumprod(-1).toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {1, 2, 6, 0, 0}, Tensor.of(new double[] {1, 2, 3, 0, 5}).cumprod(0).toDoubleArray(),
                0.0);
        Tensor ints = Tensor.of(new long[] {3, -1, 4}).cumsum(0);
        assertEquals(DType.INT64, ints.dtype());
        assertArrayEquals(new long[] {3, 2, 6}, ints.toLongArray());
        assertEquals(2.5, Tensor.scalar(2.5, DType.FLOAT64, Device.CPU).cumsum(-1).item(), 0.0);
        assertEquals(Shape.of(0, 3), Tensor.zeros(DType.FLOAT32, Device.CPU, 0, 3).cumprod(0).shape());
    }

    @Test
    void float32CumsumAccumulatesInDoubleAsPyTorchsCpuKernel() {
        // 2^24 + 1 + 1: a float accumulator stays at 2^24, PyTorch's double one reaches 2^24 + 2
        Tensor x = Tensor.of(new float[] {16777216f, 1f, 1f});
        assertArrayEquals(new float[] {16777216f, 16777216f, 16777218f}, x.cumsum(0).toFloatArray());
    }

    @Test
    void badDimensionsAreRejected() {
        Tensor x = Tensor.zeros(DType.FLOAT64, Device.CPU, 2, 3);
        assertRejected("cumsum: dimension 2 is out of range", () -> x.cumsum(2));
        assertRejected("cumprod: dimension -3 is out of range", () -> x.cumprod(-3));
        assertRejected("sort: dimension 5 is out of range", () -> x.sort(5, false));
        assertRejected("topk: k = 4 is out of range for dimension 1 of size 3", () -> x.topk(4, 1, true));
        assertRejected("topk: k = -1", () -> x.topk(-1, 0, true));
        assertRejected("max: cannot reduce over the empty dimension 1",
                () -> Tensor.zeros(DType.FLOAT64, Device.CPU, 2, 0).max(1, false));
    }

    static Stream<Arguments> scanLayouts() {
        List<Arguments> cases = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (ScanOp op : ScanOp.values()) {
                for (boolean reverse : new boolean[] {false, true}) {
                    cases.add(Arguments.of(dtype, op, reverse));
                }
            }
        }
        return cases.stream();
    }

    /** Both ways of scanning against a loop in double, on transposed and sliced views, lines of 1 to 1100. */
    @ParameterizedTest(name = "{0} {1} reverse {2}")
    @MethodSource("scanLayouts")
    void fastAndReferenceScansMatchALoop(DType dtype, ScanOp op, boolean reverse) {
        for (int n : new int[] {1, 2, 3, 5, 17, 1100}) {
            // a [3, n] view: the transpose of a slice of a [2n, 3] tensor, so lines are strided
            Tensor x = values(dtype, op, 2 * n * 3, 7 + n).reshape(2 * n, 3).slice(0, 1, 2 * n, 2).t();
            for (int axis = 0; axis < 2; axis++) {
                double[] expected = scanLoop(op, x.toDoubleArray(), x.dims(), axis, reverse);
                Tensor fast = Tensor.zeros(dtype, Device.CPU, x.dims());
                CPU.fastPath(ScanKernel.class).orElseThrow().scan(op, x.strided(), axis, reverse, fast.strided());
                Tensor reference = Tensor.zeros(dtype, Device.CPU, x.dims());
                ReferenceKernels.scan(CPU, op, x.strided(), axis, reverse, reference.strided());
                String what = dtype + " " + op + " n " + n + " axis " + axis;
                assertClose(expected, fast, dtype, what + " fast");
                assertClose(expected, reference, dtype, what + " reference");
            }
        }
    }

    /**
     * Values whose running sums and products stay exact in every dtype: small integers to sum; to multiply, ±1
     * with a few zeros and, for floats, powers of two (2 and 0.5 equally often, so products stay in range).
     */
    private static Tensor values(DType dtype, ScanOp op, int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(64);
            if (op == ScanOp.SUM) {
                v[i] = r.nextInt(21) - 10;
            } else if (k == 0) {
                v[i] = 0;
            } else if (k <= 8 && dtype.isFloating()) {
                v[i] = k <= 4 ? 2 : 0.5;
            } else {
                v[i] = r.nextBoolean() ? 1 : -1;
            }
        }
        return Tensor.of(v).to(dtype).to(Device.CPU);
    }

    private static double[] scanLoop(ScanOp op, double[] x, int[] shape, int axis, boolean reverse) {
        int rows = shape[0];
        int cols = shape[1];
        double[] out = new double[x.length];
        int lines = axis == 0 ? cols : rows;
        int n = axis == 0 ? rows : cols;
        for (int line = 0; line < lines; line++) {
            double acc = op.identity();
            for (int k = 0; k < n; k++) {
                int i = reverse ? n - 1 - k : k;
                int at = axis == 0 ? i * cols + line : line * cols + i;
                acc = op == ScanOp.SUM ? acc + x[at] : acc * x[at];
                out[at] = acc;
            }
        }
        return out;
    }

    private static void assertClose(double[] expected, Tensor got, DType dtype, String what) {
        double[] g = got.toDoubleArray();
        for (int i = 0; i < expected.length; i++) {
            double tolerance = dtype == DType.FLOAT32 ? 1e-6 * Math.max(1, Math.abs(expected[i])) : 0;
            assertEquals(expected[i], g[i], tolerance, what + " element " + i);
        }
    }

    @Test
    void sortIsStableWithNanGreatestAndSignedZerosEqual() {
        double nan = Double.NaN;
        Tensor x = Tensor.of(new double[] {3, 1, nan, 1, -0.0, 0.0, nan, Double.NEGATIVE_INFINITY});
        ValuesIndices up = x.sort(0, false);
        assertArrayEquals(new long[] {7, 4, 5, 1, 3, 0, 2, 6}, up.indices().toLongArray());
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, -0.0, 0.0, 1, 1, 3, nan, nan},
                up.values().toDoubleArray(), 0.0);
        // descending keeps equal keys in their original order too
        assertArrayEquals(new long[] {2, 6, 0, 1, 3, 4, 5, 7}, x.argsort(0, true).toLongArray());
    }

    @Test
    void int64KeysSortExactlyBeyondDoublePrecision() {
        long big = 1L << 60;
        Tensor x = Tensor.of(new long[] {big + 1, big, big + 3, big + 2});
        ValuesIndices sorted = x.sort(0, false);
        assertArrayEquals(new long[] {1, 0, 3, 2}, sorted.indices().toLongArray());
        assertArrayEquals(new long[] {big, big + 1, big + 2, big + 3}, sorted.values().toLongArray());
    }

    @Test
    void topkTakesTiesInPositionOrderAndKeepsTheRest() {
        Tensor x = Tensor.of(new double[] {1, 5, 3, 5, 2, 3, 0, 4}, 2, 4);
        ValuesIndices top = x.topk(2, 1, true);
        assertArrayEquals(new double[] {5, 5, 4, 3}, top.values().toDoubleArray(), 0.0);
        assertArrayEquals(new long[] {1, 3, 3, 1}, top.indices().toLongArray());
        ValuesIndices bottom = x.topk(1, 0, false);
        assertEquals(Shape.of(1, 4), bottom.values().shape());
        assertArrayEquals(new double[] {1, 3, 0, 4}, bottom.values().toDoubleArray(), 0.0);
        assertArrayEquals(new long[] {0, 1, 1, 1}, bottom.indices().toLongArray());
        assertEquals(Shape.of(2, 0), x.topk(0, 1, true).values().shape());
    }

    @Test
    void maxAndMinPickTheFirstTieAndSendTheGradientThere() {
        Tensor x = Tensor.of(new double[] {1, 3, 3, 2, 4, 4}, 2, 3).requiresGrad(true);
        ValuesIndices max = x.max(1, false);
        assertArrayEquals(new double[] {3, 4}, max.values().toDoubleArray(), 0.0);
        assertArrayEquals(new long[] {1, 1}, max.indices().toLongArray());
        max.values().sum().backward();
        assertArrayEquals(new double[] {0, 1, 0, 0, 1, 0}, x.grad().toDoubleArray(), 0.0);
        ValuesIndices min = Tensor.of(new double[] {2, 1, 2, 0}, 2, 2).min(0, true);
        assertEquals(Shape.of(1, 2), min.values().shape());
        assertArrayEquals(new double[] {2, 0}, min.values().toDoubleArray(), 0.0);
        assertEquals(Shape.of(1, 2), min.indices().shape());
        assertArrayEquals(new long[] {0, 1}, min.indices().toLongArray());
    }

    static Stream<DType> dtypes() {
        return Stream.of(DType.values());
    }

    /**
     * Both ways of sorting against Java's stable list sort, on tie-heavy values with NaNs in strided layouts,
     * short lines (insertion sort only) and long ones (merges).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dtypes")
    void fastAndReferenceSortsMatchAStableSort(DType dtype) {
        for (int n : new int[] {1, 7, 33, 1000}) {
            Random r = new Random(n);
            double[] v = new double[2 * n * 3];
            for (int i = 0; i < v.length; i++) {
                v[i] = dtype.isFloating() && r.nextInt(10) == 0 ? Double.NaN : r.nextInt(9) - 4;
            }
            Tensor x = Tensor.of(v).to(dtype).reshape(2 * n, 3).slice(0, 1, 2 * n, 2).t();
            for (int axis = 0; axis < 2; axis++) {
                for (boolean descending : new boolean[] {false, true}) {
                    long[] expected = stableArgsort(x.toDoubleArray(), x.dims(), axis, descending);
                    Tensor fast = Tensor.zeros(DType.INT64, Device.CPU, x.dims());
                    CPU.fastPath(SortKernel.class).orElseThrow().argsort(x.strided(), axis, descending, fast.strided());
                    Tensor reference = Tensor.zeros(DType.INT64, Device.CPU, x.dims());
                    ReferenceKernels.argsort(CPU, x.strided(), axis, descending, reference.strided());
                    String what = dtype + " n " + n + " axis " + axis + " descending " + descending;
                    assertArrayEquals(expected, fast.toLongArray(), what + " fast");
                    assertArrayEquals(expected, reference.toLongArray(), what + " reference");
                }
            }
        }
    }

    private static long[] stableArgsort(double[] x, int[] shape, int axis, boolean descending) {
        int cols = shape[1];
        int lines = axis == 0 ? cols : shape[0];
        int n = axis == 0 ? shape[0] : cols;
        long[] out = new long[x.length];
        for (int line = 0; line < lines; line++) {
            int l = line;
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                positions.add(i);
            }
            // Double.compare puts NaN last, as sort must (it would also put -0.0 first, but no key is -0.0)
            Comparator<Integer> byKey = Comparator.comparingDouble(i -> x[axis == 0 ? i * cols + l : l * cols + i]);
            positions.sort(descending ? byKey.reversed() : byKey);
            for (int i = 0; i < n; i++) {
                out[axis == 0 ? i * cols + l : l * cols + i] = positions.get(i);
            }
        }
        return out;
    }
}
