package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reductions over every set of dims, with and without keepDim, against a naive reference. */
class ReductionTest {

    private static final int[] SHAPE = {2, 3, 4};
    private static final double[] X = OpReference.values(24, 9);

    static Stream<Arguments> dimSets() {
        int[][] sets = {{0}, {1}, {2}, {-1}, {0, 2}, {2, 0}, {1, 2}, {0, 1}, {0, 1, 2}};
        return Stream.of(sets).flatMap(d -> Stream.of(Arguments.of(d, true), Arguments.of(d, false)));
    }

    private static boolean[] mask(int[] dims) {
        boolean[] m = new boolean[SHAPE.length];
        for (int d : dims) {
            m[d < 0 ? d + SHAPE.length : d] = true;
        }
        return m;
    }

    private static int[] resultShape(int[] dims, boolean keepDim) {
        boolean[] m = mask(dims);
        return java.util.stream.IntStream.range(0, SHAPE.length).filter(d -> keepDim || !m[d])
                .map(d -> m[d] ? 1 : SHAPE[d]).toArray();
    }

    private static int count(int[] dims) {
        boolean[] m = mask(dims);
        int n = 1;
        for (int d = 0; d < SHAPE.length; d++) {
            n *= m[d] ? SHAPE[d] : 1;
        }
        return n;
    }

    /** The input as a non-contiguous view: a permuted copy permuted back, so results must not depend on layout. */
    private static Tensor input() {
        Tensor dense = Tensor.of(X, SHAPE);
        return dense.permute(2, 0, 1).contiguous().permute(1, 2, 0);
    }

    private static void check(double[] expected, Tensor got, int[] dims, boolean keepDim) {
        assertEquals(Shape.of(resultShape(dims, keepDim)), got.shape());
        assertArrayEquals(expected, got.toDoubleArray(), 1e-12);
    }

    @ParameterizedTest(name = "dims {0} keepDim {1}")
    @MethodSource("dimSets")
    void sumMeanMaxMin(int[] dims, boolean keepDim) {
        Tensor x = input();
        double[] sum = OpReference.reduce(X, SHAPE, mask(dims), 0, Double::sum);
        check(sum, x.sum(dims, keepDim), dims, keepDim);
        check(Arrays.stream(sum).map(s -> s / count(dims)).toArray(), x.mean(dims, keepDim), dims, keepDim);
        check(OpReference.reduce(X, SHAPE, mask(dims), Double.NEGATIVE_INFINITY, Math::max), x.max(dims, keepDim), dims,
                keepDim);
        check(OpReference.reduce(X, SHAPE, mask(dims), Double.POSITIVE_INFINITY, Math::min), x.min(dims, keepDim), dims,
                keepDim);
    }

    @ParameterizedTest(name = "dims {0} keepDim {1}")
    @MethodSource("dimSets")
    void varStdLogsumexpNorm(int[] dims, boolean keepDim) {
        Tensor x = input();
        int n = count(dims);
        double[] mean = Arrays.stream(OpReference.reduce(X, SHAPE, mask(dims), 0, Double::sum)).map(s -> s / n).toArray();
        double[] sq = new double[mean.length];
        int[] kept = resultShape(dims, true);
        for (int i = 0; i < X.length; i++) {
            int p = OpReference.broadcastPosition(OpReference.unravel(i, SHAPE), kept);
            sq[p] += (X[i] - mean[p]) * (X[i] - mean[p]);
        }
        double[] var = Arrays.stream(sq).map(s -> s / (n - 1)).toArray();
        check(var, x.var(dims, 1, keepDim), dims, keepDim);
        check(Arrays.stream(sq).map(s -> s / n).toArray(), x.var(dims, 0, keepDim), dims, keepDim);
        check(Arrays.stream(var).map(Math::sqrt).toArray(), x.std(dims, 1, keepDim), dims, keepDim);
        double[] expSum = OpReference.reduce(Arrays.stream(X).map(Math::exp).toArray(), SHAPE, mask(dims), 0, Double::sum);
        check(Arrays.stream(expSum).map(Math::log).toArray(), x.logsumexp(dims, keepDim), dims, keepDim);
        for (double p : new double[] {1, 2, 3}) {
            double[] powSum = OpReference.reduce(Arrays.stream(X).map(v -> Math.pow(Math.abs(v), p)).toArray(), SHAPE,
                    mask(dims), 0, Double::sum);
            check(Arrays.stream(powSum).map(s -> Math.pow(s, 1 / p)).toArray(), x.norm(p, dims, keepDim), dims, keepDim);
        }
        check(OpReference.reduce(Arrays.stream(X).map(Math::abs).toArray(), SHAPE, mask(dims), 0, Math::max),
                x.norm(Double.POSITIVE_INFINITY, dims, keepDim), dims, keepDim);
    }

    @Test
    void wholeTensorReductions() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        assertEquals(0, x.sum().rank());
        assertEquals(10, x.sum().item());
        assertEquals(2.5, x.mean().item());
        assertEquals(4, x.max().item());
        assertEquals(1, x.min().item());
        assertEquals(5.0 / 3, x.var().item(), 1e-15);
        assertEquals(Math.sqrt(5.0 / 3), x.std().item(), 1e-15);
        assertEquals(Math.sqrt(30), x.norm(2).item(), 1e-15);
        assertEquals(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3) + Math.exp(4)),
                x.logsumexp(new int[] {0, 1}, false).item(), 1e-14);
        assertArrayEquals(new double[] {3, 7}, x.sum(1).toDoubleArray());
        assertArrayEquals(new double[] {2, 3}, x.mean(0).toDoubleArray());
        assertEquals(10, Tensor.of(new long[] {1, 2, 3, 4}).sum().item());
        assertEquals(DType.INT64, Tensor.of(new long[] {1, 2}).sum().dtype());
        assertEquals(0, Tensor.zeros(0).sum().item(), "the empty sum is 0");
    }

    @Test
    void logsumexpIsStable() {
        Tensor big = Tensor.of(new double[] {1000, 1000});
        assertEquals(1000 + Math.log(2), big.logsumexp(new int[] {0}, false).item(), 1e-12);
        Tensor ninf = Tensor.of(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY});
        assertEquals(Double.NEGATIVE_INFINITY, ninf.logsumexp(new int[] {0}, false).item());
    }

    @Test
    void argmaxArgminPickTheFirstExtremum() {
        Tensor x = Tensor.of(new double[] {1, 5, 5, 0, 2, -1, 2, -1}, 2, 4);
        assertEquals(DType.INT64, x.argmax(1, false).dtype());
        assertArrayEquals(new long[] {1, 0}, x.argmax(1, false).toLongArray());
        assertArrayEquals(new long[] {3, 1}, x.argmin(1, false).toLongArray());
        assertArrayEquals(new long[] {1, 0, 0, 0}, x.argmax(0, false).toLongArray());
        assertEquals(Shape.of(2, 1), x.argmax(-1, true).shape());
        assertEquals(1, x.argmax().item());
        assertEquals(5, x.argmin().item());
        // on a transposed view the indices refer to the view
        assertArrayEquals(new long[] {1, 0, 0, 0}, x.t().argmax(1, false).toLongArray());
    }

    @Test
    void bigReductionsMatchTheReference() {
        int[] shape = {64, 130, 33};
        double[] v = OpReference.values(OpReference.numel(shape), 17);
        Tensor t = Tensor.of(v, shape);
        for (int[] dims : new int[][] {{0}, {1}, {2}, {0, 2}, {0, 1, 2}}) {
            boolean[] m = new boolean[3];
            for (int d : dims) {
                m[d] = true;
            }
            double[] expected = OpReference.reduce(v, shape, m, 0, Double::sum);
            assertArrayEquals(expected, t.sum(dims, true).toDoubleArray(), 1e-9, Arrays.toString(dims));
            assertArrayEquals(OpReference.reduce(v, shape, m, Double.NEGATIVE_INFINITY, Math::max),
                    t.max(dims, true).toDoubleArray(), 0.0);
        }
    }

    @Test
    void badDimensionsAreRejected() {
        Tensor x = Tensor.zeros(2, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> x.sum(2));
        assertEquals("sum: dimension 2 is out of range for a tensor of rank 2 (expected -2 .. 1)", e.getMessage());
        var twice = assertThrows(IllegalArgumentException.class, () -> x.sum(new int[] {1, -1}, false));
        assertEquals("sum: dimension -1 appears twice in [1, -1]", twice.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0, 2).max(0));
        assertEquals("max: cannot reduce over an empty dimension of shape [0, 2]", empty.getMessage());
        var arg = assertThrows(IllegalArgumentException.class, () -> x.argmax(-3, false));
        assertEquals("argmax: dimension -3 is out of range for a tensor of rank 2 (expected -2 .. 1)", arg.getMessage());
        var norm = assertThrows(IllegalArgumentException.class, () -> x.norm(0));
        assertEquals("norm: p must be > 0, got 0.0", norm.getMessage());
        var ints = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new long[] {1}).mean());
        assertEquals("mean: expected a floating tensor, got int64 of shape [1]", ints.getMessage());
    }
}
