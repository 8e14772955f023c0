package dev.nabla;

import static dev.nabla.IntegerArithmeticTest.assertLongs;
import static dev.nabla.IntegerArithmeticTest.longs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * True division, floor division and the remainder: hand-worked sign tables, division by zero, gradients, and
 * PyTorch 1.13's own answers ({@code division_torch.txt}, written by {@code tests/scripts/division_fixture.py})
 * compared bit for bit.
 */
class DivisionTest {

    private static final Device DEVICE = Device.best();
    private static final long TWO_53 = 1L << 53;

    private static Tensor doubles(double... values) {
        return Tensor.of(values, values.length).to(DEVICE);
    }

    @Test
    void integerFloorDivisionAndRemainderFollowPythonsSigns() {
        Tensor a = longs(-7, 7, -7, 7, 0, -1, 1, 6, -6);
        Tensor b = longs(2, 2, -2, -2, 3, 3, -3, -3, 3);
        assertLongs(a.floorDivide(b), -4, 3, 3, -4, 0, -1, -1, -2, -2);
        assertLongs(a.remainder(b), 1, 1, -1, -1, 0, 2, -2, 0, 0);
        assertLongs(b.mul(a.floorDivide(b)).add(a.remainder(b)), a.toLongArray());
        // scalar divisors, and broadcasting
        assertLongs(longs(-7, 7).floorDivide(2), -4, 3);
        assertLongs(longs(-7, 7).remainder(-2), -1, -1);
        assertLongs(Tensor.of(new long[] {-7, 7, 5, -5}, 2, 2).to(DEVICE).remainder(longs(3, -3)), 2, -2, 2, -2);
    }

    @Test
    void integerFloorDivisionIsExactAtTheEdgesOfTheRange() {
        // (2^53 + 1) / 2 = 2^52 + 0.5; through double the dividend would be 2^53 and the remainder 0
        assertLongs(longs(TWO_53 + 1).floorDivide(2), 1L << 52);
        assertLongs(longs(TWO_53 + 1).remainder(2), 1);
        assertLongs(longs(-(TWO_53 + 1)).floorDivide(longs(2)), -(1L << 52) - 1);
        // Long.MIN_VALUE // -1 overflows and wraps (Java's Math.floorDiv; PyTorch traps); its remainder is 0
        assertLongs(longs(Long.MIN_VALUE).floorDivide(-1), Long.MIN_VALUE);
        assertLongs(longs(Long.MIN_VALUE).remainder(-1), 0);
        assertLongs(longs(Long.MAX_VALUE).floorDivide(-1), -Long.MAX_VALUE);
        // floor(MIN / MAX) = -2, so the remainder is MIN + 2 MAX = MAX - 1
        assertLongs(longs(Long.MIN_VALUE).floorDivide(longs(Long.MAX_VALUE)), -2);
        assertLongs(longs(Long.MIN_VALUE).remainder(longs(Long.MAX_VALUE)), Long.MAX_VALUE - 1);
    }

    @Test
    void integerDivisionByZeroRaisesNamingTheOp() {
        Tensor a = longs(1, 2, 3);
        var tensor = assertThrows(ArithmeticException.class, () -> a.floorDivide(longs(1, 0, 2)));
        assertEquals("floor_divide: integer division by zero (the int64 divisor of shape [3] holds a 0)",
                tensor.getMessage());
        var scalar = assertThrows(ArithmeticException.class, () -> a.remainder(0));
        assertEquals("remainder: integer division by zero (the int64 divisor of shape [] holds a 0)",
                scalar.getMessage());
        assertThrows(ArithmeticException.class, () -> a.reshape(3, 1).floorDivide(longs(2, 0)));
        // a float divisor makes it float division, which stays IEEE
        assertArrayEquals(new float[] {Float.POSITIVE_INFINITY, Float.NaN},
                longs(1, 0).floorDivide(Tensor.of(new float[] {0f, 0f}).to(DEVICE)).toFloatArray());
        assertTrue(Double.isNaN(doubles(1).remainder(0).item()));
    }

    @Test
    void integerDivIsTrueDivisionInFloat32() {
        // issue 22, bug 4: three correct predictions out of four
        Tensor correct = longs(1, 2, 3, 4).eq(longs(1, 2, 0, 4));
        Tensor accuracy = correct.sum().div(4);
        assertEquals(DType.FLOAT32, accuracy.dtype());
        assertEquals(0.75, accuracy.item());
        Tensor q = longs(3, -7, 1, -1, 0, TWO_53 + 1).div(longs(4, 2, 0, 0, 0, 1));
        assertEquals(DType.FLOAT32, q.dtype());
        // each operand is rounded to float32 first, as PyTorch does: 2^53 + 1 becomes 2^53
        assertArrayEquals(new float[] {0.75f, -3.5f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            0x1p53f}, q.toFloatArray());
        assertEquals(DType.FLOAT64, longs(3).div(doubles(4)).dtype());
        assertEquals(DType.FLOAT32, longs(3).div(0.5).dtype());
    }

    @Test
    void inPlaceDivisionOfAnIntegerTensorIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> longs(3, 4).divInPlace(longs(2)));
        assertEquals("divInPlace: the quotient is a float, which the int64 tensor of shape [2] cannot hold (use div, "
                + "or floorDivide for an integer result)", e.getMessage());
        assertArrayEquals(new double[] {1.5, 2}, doubles(3, 4).divInPlace(longs(2)).toDoubleArray());
    }

    @Test
    void floatFloorDivisionAndRemainderFollowPythonsSigns() {
        Tensor a = doubles(-7.5, 7.5, -7.5, 7.5, -0.0, 0.0, 1, -1, Double.POSITIVE_INFINITY, 5);
        Tensor b = doubles(2, 2, -2, -2, 3, -3, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 2,
                Double.NEGATIVE_INFINITY);
        assertArrayEquals(new double[] {-4, 3, 3, -4, -0.0, -0.0, 0, -1, Double.NaN, -1},
                a.floorDivide(b).toDoubleArray());
        // fmod keeps the dividend's zero: -0.0 % 3 is -0.0 in PyTorch (Python's float % would give 0.0)
        assertArrayEquals(new double[] {0.5, 1.5, -1.5, -0.5, -0.0, 0.0, 1, Double.POSITIVE_INFINITY, Double.NaN,
            Double.NEGATIVE_INFINITY}, a.remainder(b).toDoubleArray());
        // a zero divisor: IEEE division, and a NaN remainder
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN},
                doubles(1, -1, 0).floorDivide(0).toDoubleArray());
        assertTrue(Double.isNaN(doubles(3).remainder(doubles(0)).item()));
    }

    @Test
    void remainderAndFloorDivideGradientsMatchFiniteDifferences() {
        Tensor a = doubles(-7.5, 7.3, 2.2, -0.7, 5.1, -3.3).reshape(2, 3).requiresGrad(true);
        Tensor b = doubles(2, -2.5, 0.9).requiresGrad(true);
        GradCheck.Result remainder = GradCheck.check(x -> x[0].remainder(x[1]), a, b);
        assertTrue(remainder.passed(), remainder.toString());
        GradCheck.Result floor = GradCheck.check(x -> x[0].floorDivide(x[1]).add(x[0].mul(x[1])), a, b);
        assertTrue(floor.passed(), floor.toString());
        // d/db remainder(a, b) = -floor(a / b): for a = -7.5, b = 2 that is 4; d/da is 1
        Tensor x = doubles(-7.5).requiresGrad(true);
        Tensor y = doubles(2).requiresGrad(true);
        x.remainder(y).sum().backward();
        assertArrayEquals(new double[] {1}, x.grad().toDoubleArray());
        assertArrayEquals(new double[] {4}, y.grad().toDoubleArray());
        Tensor z = doubles(-7.5).requiresGrad(true);
        z.floorDivide(2).sum().backward();
        assertArrayEquals(new double[] {0}, z.grad().toDoubleArray());
    }

    /** The elements of one (op, dtype) group of the PyTorch fixture, as raw bits. */
    private record Group(String op, String dtype, List<long[]> rows) {
    }

    private static Map<String, Group> fixture() throws IOException {
        Map<String, Group> groups = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                DivisionTest.class.getResourceAsStream("division_torch.txt")), StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(" ");
                groups.computeIfAbsent(f[0] + " " + f[1], k -> new Group(f[0], f[1], new java.util.ArrayList<>()))
                        .rows().add(new long[] {Long.parseUnsignedLong(f[2]), Long.parseUnsignedLong(f[3]),
                            Long.parseUnsignedLong(f[4])});
            }
        }
        return groups;
    }

    private static BinaryOperator<Tensor> op(String name) {
        return switch (name) {
            case "floor_divide" -> Tensor::floorDivide;
            case "remainder" -> Tensor::remainder;
            case "div" -> Tensor::div;
            case "add" -> Tensor::add;
            case "sub" -> Tensor::sub;
            case "mul" -> Tensor::mul;
            case "pow" -> Tensor::pow;
            default -> throw new IllegalArgumentException("unknown fixture op " + name);
        };
    }

    /** A column of the fixture as a tensor of {@code dtype}, decoded from raw bits. */
    private static Tensor column(List<long[]> rows, int col, String dtype) {
        int n = rows.size();
        return switch (dtype) {
            case "float32" -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Float.intBitsToFloat((int) rows.get(i)[col]);
                }
                yield Tensor.of(v, n).to(DEVICE);
            }
            case "float64" -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Double.longBitsToDouble(rows.get(i)[col]);
                }
                yield Tensor.of(v, n).to(DEVICE);
            }
            default -> longs(rows.stream().mapToLong(r -> r[col]).toArray());
        };
    }

    @Test
    void everyResultEqualsPyTorchsBitForBit() throws IOException {
        Map<String, Group> groups = fixture();
        assertEquals(11, groups.size(), "fixture groups: " + groups.keySet());
        for (Group g : groups.values()) {
            Tensor result = op(g.op()).apply(column(g.rows(), 0, g.dtype()), column(g.rows(), 1, g.dtype()));
            // int64 true division gives float32
            String resultType = g.op().equals("div") ? "float32" : g.dtype();
            assertEquals(resultType, result.dtype().id(), g.op() + " " + g.dtype());
            long[] actual = bitsOf(result);
            for (int i = 0; i < actual.length; i++) {
                long[] row = g.rows().get(i);
                String at = g.op() + " " + g.dtype() + " of bits " + Long.toUnsignedString(row[0]) + ", "
                        + Long.toUnsignedString(row[1]);
                if (isNaN(resultType, row[2])) {
                    assertTrue(isNaN(resultType, actual[i]), at + ": expected NaN");
                } else {
                    assertEquals(row[2], actual[i], at);
                }
            }
        }
    }

    /** The raw bits of each element (float32 as its 32 bits, zero-extended). */
    private static long[] bitsOf(Tensor t) {
        return switch (t.dtype()) {
            case FLOAT32 -> {
                float[] v = t.toFloatArray();
                long[] bits = new long[v.length];
                for (int i = 0; i < v.length; i++) {
                    bits[i] = Integer.toUnsignedLong(Float.floatToRawIntBits(v[i]));
                }
                yield bits;
            }
            case FLOAT64 -> java.util.Arrays.stream(t.toDoubleArray()).mapToLong(Double::doubleToRawLongBits).toArray();
            case INT64 -> t.toLongArray();
        };
    }

    private static boolean isNaN(String dtype, long bits) {
        return switch (dtype) {
            case "float32" -> Float.isNaN(Float.intBitsToFloat((int) bits));
            case "float64" -> Double.isNaN(Double.longBitsToDouble(bits));
            default -> false;
        };
    }
}
