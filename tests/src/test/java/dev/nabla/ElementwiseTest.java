package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Elementwise math with NumPy broadcasting, against a naive double reference. */
class ElementwiseTest {

    private record BinaryCase(String name, BinaryOperator<Tensor> op, DoubleBinaryOperator ref) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final int[][][] SHAPE_PAIRS = {
        {{2, 3}, {2, 3}}, {{2, 3}, {3}}, {{2, 1, 4}, {3, 1}}, {{}, {2, 2}}, {{4, 1}, {1, 5}}, {{1}, {3, 2}},
        {{0, 3}, {3}}, {{2, 3, 1}, {1}},
    };

    static Stream<Arguments> binaryCases() {
        BinaryCase[] ops = {
            new BinaryCase("add", Tensor::add, Double::sum),
            new BinaryCase("sub", Tensor::sub, (a, b) -> a - b),
            new BinaryCase("mul", Tensor::mul, (a, b) -> a * b),
            new BinaryCase("div", Tensor::div, (a, b) -> a / b),
            new BinaryCase("pow", (a, b) -> a.abs().add(0.5).pow(b), (a, b) -> Math.pow(Math.abs(a) + 0.5, b)),
            new BinaryCase("maximum", Tensor::maximum, Math::max),
            new BinaryCase("minimum", Tensor::minimum, Math::min),
            new BinaryCase("eq", Tensor::eq, (a, b) -> a == b ? 1 : 0),
            new BinaryCase("ne", Tensor::ne, (a, b) -> a != b ? 1 : 0),
            new BinaryCase("lt", Tensor::lt, (a, b) -> a < b ? 1 : 0),
            new BinaryCase("le", Tensor::le, (a, b) -> a <= b ? 1 : 0),
            new BinaryCase("gt", Tensor::gt, (a, b) -> a > b ? 1 : 0),
            new BinaryCase("ge", Tensor::ge, (a, b) -> a >= b ? 1 : 0),
        };
        return Stream.of(ops).flatMap(op -> Stream.of(SHAPE_PAIRS).flatMap(p -> Stream.of(
                Arguments.of(op, p[0], p[1]), Arguments.of(op, p[1], p[0]))));
    }

    /** Values on a coarse grid (multiples of 0.5 in [-2, 2]) so that comparisons see ties. */
    private static double[] gridValues(int n, long seed) {
        double[] v = OpReference.values(n, seed);
        for (int i = 0; i < n; i++) {
            v[i] = Math.rint(v[i] * 2) / 2;
            if (v[i] == 0) {
                v[i] = 0.5; // keep divisors non-zero
            }
        }
        return v;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("binaryCases")
    void binaryOpsBroadcastLikeNumPy(BinaryCase c, int[] sa, int[] sb) {
        double[] a = gridValues(OpReference.numel(sa), 1);
        double[] b = gridValues(OpReference.numel(sb), 2);
        int[] outShape = Shape.broadcast("test", sa, sb);
        double[] expected = OpReference.broadcast(a, sa, b, sb, outShape, c.ref());
        Tensor out = c.op().apply(Tensor.of(a, sa), Tensor.of(b, sb));
        assertEquals(Shape.of(outShape), out.shape());
        assertEquals(DType.FLOAT64, out.dtype());
        assertArrayEquals(expected, out.toDoubleArray(), 1e-12);
        // the same in FLOAT32 rounds once
        Tensor out32 = c.op().apply(Tensor.of(a, sa).to(DType.FLOAT32), Tensor.of(b, sb).to(DType.FLOAT32));
        assertEquals(DType.FLOAT32, out32.dtype());
        float[] got = out32.toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals((float) expected[i], got[i], 1e-6 * Math.max(1, Math.abs(expected[i])), c + " at " + i);
        }
    }

    private record UnaryCase(String name, UnaryOperator<Tensor> op, DoubleUnaryOperator ref) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<UnaryCase> unaryCases() {
        return Stream.of(
            new UnaryCase("neg", Tensor::neg, x -> -x),
            new UnaryCase("exp", Tensor::exp, Math::exp),
            new UnaryCase("log", t -> t.abs().log(), x -> Math.log(Math.abs(x))),
            new UnaryCase("sqrt", t -> t.abs().sqrt(), x -> Math.sqrt(Math.abs(x))),
            new UnaryCase("abs", Tensor::abs, Math::abs),
            new UnaryCase("sign", Tensor::sign, Math::signum),
            new UnaryCase("sigmoid", Tensor::sigmoid, x -> 1 / (1 + Math.exp(-x))),
            new UnaryCase("tanh", Tensor::tanh, Math::tanh),
            new UnaryCase("relu", Tensor::relu, x -> Math.max(x, 0)),
            new UnaryCase("sin", Tensor::sin, Math::sin),
            new UnaryCase("cos", Tensor::cos, Math::cos),
            new UnaryCase("floor", Tensor::floor, Math::floor),
            new UnaryCase("clamp", t -> t.clamp(-0.5, 1.25), x -> Math.min(Math.max(x, -0.5), 1.25)),
            new UnaryCase("clampMin", t -> t.clampMin(-0.5), x -> Math.max(x, -0.5)),
            new UnaryCase("clampMax", t -> t.clampMax(0.25), x -> Math.min(x, 0.25)),
            new UnaryCase("log1p", t -> t.abs().log1p(), x -> Math.log1p(Math.abs(x))),
            new UnaryCase("expm1", Tensor::expm1, Math::expm1),
            new UnaryCase("addScalar", t -> t.add(1.5), x -> x + 1.5),
            new UnaryCase("subScalar", t -> t.sub(1.5), x -> x - 1.5),
            new UnaryCase("rsub", t -> t.rsub(1.5), x -> 1.5 - x),
            new UnaryCase("mulScalar", t -> t.mul(-3), x -> -3 * x),
            new UnaryCase("divScalar", t -> t.div(4), x -> x / 4),
            new UnaryCase("powScalar", t -> t.pow(3), x -> x * x * x));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unaryCases")
    void unaryOpsMatchJavaMath(UnaryCase c) {
        double[] x = OpReference.values(37, 5);
        x[0] = 0;
        x[1] = -1;
        x[2] = 1;
        Tensor t = Tensor.of(x, 37);
        double[] got = c.op().apply(t).toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            assertEquals(c.ref().applyAsDouble(x[i]), got[i], 1e-14 * Math.max(1, Math.abs(got[i])), c + "(" + x[i] + ")");
        }
        // on a non-contiguous view the op sees the view's elements
        Tensor view = Tensor.of(x, 37).slice(0, 1, 37, 3);
        double[] viewed = c.op().apply(view).toDoubleArray();
        for (int i = 0; i < viewed.length; i++) {
            assertEquals(got[1 + 3 * i], viewed[i], 0.0);
        }
    }

    @Test
    void erfMatchesTabulatedValues() {
        // Abramowitz & Stegun table 7.1
        double[] x = {0, 0.5, 1, 2, -1.5, 3};
        double[] erf = {0, 0.5204998778130465, 0.8427007929497149, 0.9953222650189527, -0.9661051464753108,
            0.9999779095030014};
        assertArrayEquals(erf, Tensor.of(x).erf().toDoubleArray(), 1e-15);
    }

    @Test
    void whereSelectsAndBroadcasts() {
        Tensor cond = Tensor.of(new double[] {1, 0, 1}, 3);
        Tensor a = Tensor.of(new double[] {10, 20}, 2, 1);
        Tensor b = Tensor.scalar(-1, DType.FLOAT64, Device.best());
        Tensor w = Tensor.where(cond, a, b);
        assertEquals(Shape.of(2, 3), w.shape());
        assertArrayEquals(new double[] {10, -1, 10, 20, -1, 20}, w.toDoubleArray());
    }

    @Test
    void whereTreatsAnyNonZeroConditionAsTrue() {
        // a fractional or NaN condition is true even when the values are integers
        Tensor cond = Tensor.of(new double[] {0.25, 0, Double.NaN, -0.5});
        Tensor a = Tensor.of(new long[] {1, 1, 1, 1});
        Tensor b = Tensor.of(new long[] {2, 2, 2, 2});
        assertArrayEquals(new long[] {1, 2, 1, 1}, Tensor.where(cond, a, b).toLongArray());
    }

    @Test
    void dtypesPromote() {
        Tensor i = Tensor.of(new long[] {1, 2, 3});
        Tensor f = Tensor.of(new float[] {0.5f, 0.5f, 0.5f});
        Tensor d = Tensor.of(new double[] {0.25, 0.25, 0.25});
        assertEquals(DType.FLOAT32, i.add(f).dtype());
        assertArrayEquals(new float[] {1.5f, 2.5f, 3.5f}, i.add(f).toFloatArray());
        assertEquals(DType.FLOAT64, f.mul(d).dtype());
        assertEquals(DType.INT64, i.add(2).dtype());
        assertArrayEquals(new long[] {3, 4, 5}, i.add(2).toLongArray());
        assertEquals(DType.FLOAT32, i.mul(0.5).dtype(), "a fractional scalar makes an integer tensor float");
        assertEquals(DType.INT64, i.gt(Tensor.of(new long[] {2})).dtype());
        assertArrayEquals(new long[] {0, 0, 1}, i.gt(Tensor.of(new long[] {2})).toLongArray());
        assertEquals(DType.FLOAT32, i.sqrt().dtype());
        assertEquals(DType.INT64, i.neg().dtype());
        assertArrayEquals(new long[] {1, 0, 3}, Tensor.of(new long[] {1, -2, 3}).relu().toLongArray());
    }

    @Test
    void nonBroadcastableShapesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).add(Tensor.zeros(4)));
        assertEquals("add: shapes [2, 3] and [4] cannot be broadcast (dimension 1: 3 vs 4)", e.getMessage());
        var w = assertThrows(IllegalArgumentException.class,
            () -> Tensor.where(Tensor.zeros(5), Tensor.zeros(2, 1), Tensor.zeros(3)));
        assertEquals("where: shapes [5] and [2, 3] cannot be broadcast (dimension 1: 5 vs 3)", w.getMessage());
        var c = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2).clamp(1, 0));
        assertEquals("clamp: min 1.0 is greater than max 0.0", c.getMessage());
    }

    @Test
    void largeOperandsGiveTheSameResultAsSmallOnes() {
        // big enough to be split across threads; every element checked against its own small computation
        int n = 300_001;
        double[] a = OpReference.values(n, 3);
        double[] b = OpReference.values(n, 4);
        double[] got = Tensor.of(a).mul(Tensor.of(b)).add(1).toDoubleArray();
        for (int i = 0; i < n; i += 997) {
            assertEquals(a[i] * b[i] + 1, got[i], 0.0);
        }
        double[] broadcast = Tensor.of(a, n, 1).add(Tensor.of(new double[] {0, 1})).toDoubleArray();
        assertEquals(2 * n, broadcast.length);
        for (int i = 0; i < n; i += 1009) {
            assertEquals(a[i], broadcast[2 * i], 0.0);
            assertEquals(a[i] + 1, broadcast[2 * i + 1], 0.0);
        }
    }
}
