package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.backend.Backend;
import dev.nabla.backend.CounterRng;
import dev.nabla.backend.RandomOp;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The elementwise, cast, reduction, random-fill, indexing and GEMM kernels, run on the
 * host emulator ({@code src/test/cuda/emulated_primitives.cu}) and compared with the CPU backend's primitives
 * ({@link Backend}) on the same inputs. INT64 results, casts and uniform fills must be equal exactly: INT64 arithmetic
 * is exact in 64-bit integers on both (wrapping on overflow), so full-range values and the int64 edges are compared
 * too. Skipped when g++ is absent.
 */
class EmulatedPrimitiveTest {

    private static final int N = 300;
    private static final DType[] DTYPE_CODES = {DType.FLOAT32, DType.FLOAT64, DType.INT64};
    /** The host program's dtype code for its full-range int64 reduction input. */
    private static final int WIDE_INT64 = 3;

    private static List<EmulatedOutput.Line> lines;
    private static final Backend CPU = Tensor.zeros(1).backend();

    @BeforeAll
    static void runEmulatedPrimitives(@TempDir Path dir) throws Exception {
        lines = EmulatedOutput.run(dir, "emulated_primitives.cu", "SCATTER_ADD", "INDEX_ADD");
    }

    private static List<EmulatedOutput.Line> named(String name) {
        return EmulatedOutput.named(lines, name);
    }

    /** Full-range int64 values: {@code CounterRng.bits(seed, i)}. */
    private static Tensor bits(long seed, int n) {
        return Tensor.of(bitValues(seed, n), n);
    }

    private static long[] bitValues(long seed, int n) {
        return LongStream.range(0, n).map(i -> CounterRng.bits(seed, i)).toArray();
    }

    /** {@link #bits} with the host program's int64 edges in front (its {@code edge_bits_of}). */
    private static long[] edgeBitValues(long seed, int n) {
        long[] v = bitValues(seed, n);
        long[] front = {Long.MIN_VALUE, Long.MAX_VALUE, (1L << 53) + 1, (1L << 53) + (1L << 29) + 1,
            -((1L << 53) + (1L << 29) + 1), 0, -1};
        System.arraycopy(front, 0, v, 0, front.length);
        return v;
    }

    private static Tensor edgeBits(long seed, int... shape) {
        return Tensor.of(edgeBitValues(seed, java.util.Arrays.stream(shape).reduce(1, Math::multiplyExact)), shape);
    }

    private static void assertExact(Tensor expected, Tensor actual, String what) {
        if (expected.dtype() == DType.INT64) {
            assertArrayEquals(expected.toLongArray(), actual.toLongArray(), what);
        } else {
            double[] e = expected.toDoubleArray();
            double[] a = actual.toDoubleArray();
            for (int i = 0; i < e.length; i++) {
                assertEquals(Double.doubleToRawLongBits(e[i]), Double.doubleToRawLongBits(a[i]),
                        what + " [" + i + "]: " + e[i] + " vs " + a[i]);
            }
        }
    }

    @Test
    void int64BinaryOpsEqualTheCpuIncludingDivisionByZeroAndNegativePowers() {
        Tensor a = EmulatedOutput.uniform(DType.INT64, 50, -50, 50, N);
        Tensor b = EmulatedOutput.uniform(DType.INT64, 51, -6, 6, N);
        List<EmulatedOutput.Line> ops = named("BINARY_I64");
        assertEquals(dev.nabla.backend.BinaryOp.values().length, ops.size(), "every core binary op");
        for (EmulatedOutput.Line l : ops) {
            l.assertGeometry(LaunchGeometry.elementwise(N));
            dev.nabla.backend.BinaryOp op = dev.nabla.backend.BinaryOp.valueOf(BinaryOp.values()[l.fields()[0]].name());
            Tensor out = Tensor.zeros(DType.INT64, Device.CPU, N);
            CPU.binary(op, a.strided(), b.strided(), out.strided());
            assertExact(out, l.tensor(DType.INT64, N), "int64 " + op);
        }
    }

    @Test
    void int64BinaryOpsAreExactOnFullRangeValuesAndWrap() {
        Tensor a = edgeBits(90, N);
        long[] divisors = edgeBitValues(91, N);
        for (int i = 0; i < N; i++) {
            divisors[i] >>= i % 64;
        }
        divisors[0] = -1;
        Tensor b = Tensor.of(divisors, N);
        List<EmulatedOutput.Line> ops = named("BINARY_I64_WIDE");
        assertEquals(dev.nabla.backend.BinaryOp.values().length, ops.size(), "every core binary op");
        for (EmulatedOutput.Line l : ops) {
            dev.nabla.backend.BinaryOp op = dev.nabla.backend.BinaryOp.valueOf(BinaryOp.values()[l.fields()[0]].name());
            Tensor out = Tensor.zeros(DType.INT64, Device.CPU, N);
            CPU.binary(op, a.strided(), b.strided(), out.strided());
            assertExact(out, l.tensor(DType.INT64, N), "wide int64 " + op);
        }
    }

    @Test
    void int64UnaryOpsAndTheCopyAreExactOnFullRangeValues() {
        Tensor x = edgeBits(52, N);
        for (EmulatedOutput.Line l : named("UNARY_I64")) {
            UnaryOp kernelOp = UnaryOp.values()[l.fields()[0]];
            Tensor out = Tensor.zeros(DType.INT64, Device.CPU, N);
            if (kernelOp == UnaryOp.COPY) {
                CPU.copy(x.strided(), out.strided());
            } else {
                CPU.unary(dev.nabla.backend.UnaryOp.valueOf(kernelOp.name()), x.strided(), out.strided());
            }
            assertExact(out, l.tensor(DType.INT64, N), "int64 " + kernelOp);
        }
    }

    @Test
    void everyFloatUnaryOpMatchesTheCpuWithInfinitiesAndNan() {
        float[] values = EmulatedOutput.uniform(DType.FLOAT32, 53, -3, 3, N).toFloatArray();
        values[0] = Float.POSITIVE_INFINITY;
        values[1] = Float.NEGATIVE_INFINITY;
        values[2] = Float.NaN;
        Tensor x = Tensor.of(values, N);
        List<EmulatedOutput.Line> ops = named("UNARY_F32");
        assertEquals(dev.nabla.backend.UnaryOp.values().length, ops.size(), "every core unary op");
        Set<dev.nabla.backend.UnaryOp> libraryMath = EnumSet.of(dev.nabla.backend.UnaryOp.EXP,
                dev.nabla.backend.UnaryOp.LOG, dev.nabla.backend.UnaryOp.SIGMOID, dev.nabla.backend.UnaryOp.TANH,
                dev.nabla.backend.UnaryOp.SIN, dev.nabla.backend.UnaryOp.COS, dev.nabla.backend.UnaryOp.ERF,
                dev.nabla.backend.UnaryOp.LOG1P, dev.nabla.backend.UnaryOp.EXPM1);
        for (EmulatedOutput.Line l : ops) {
            dev.nabla.backend.UnaryOp op = dev.nabla.backend.UnaryOp.valueOf(UnaryOp.values()[l.fields()[0]].name());
            Tensor out = Tensor.zeros(DType.FLOAT32, Device.CPU, N);
            CPU.unary(op, x.strided(), out.strided());
            if (libraryMath.contains(op)) {
                // the host's float functions against the CPU's double ones rounded to float: a few ulps
                EmulatedOutput.assertClose(out, l.tensor(DType.FLOAT32, N), 4e-7, op.toString());
            } else {
                assertExact(out, l.tensor(DType.FLOAT32, N), op.toString());
            }
        }
    }

    @Test
    void floatBinaryOpsAndWhereOverBroadcastLayoutsMatchTheCpu() {
        for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
            Tensor a = EmulatedOutput.uniform(dtype, 58, -3, 3, 4, 1, 5);
            Tensor b = EmulatedOutput.uniform(dtype, 59, -3, 3, 1, 3, 5);
            List<EmulatedOutput.Line> ops = named(dtype == DType.FLOAT32 ? "BINARY_F32" : "BINARY_F64");
            assertEquals(dev.nabla.backend.BinaryOp.values().length, ops.size(), "every core binary op");
            for (EmulatedOutput.Line l : ops) {
                l.assertGeometry(LaunchGeometry.elementwise(60));
                dev.nabla.backend.BinaryOp op =
                        dev.nabla.backend.BinaryOp.valueOf(BinaryOp.values()[l.fields()[0]].name());
                Tensor out = Tensor.zeros(dtype, Device.CPU, 4, 3, 5);
                CPU.binary(op, a.expand(4, 3, 5).strided(), b.expand(4, 3, 5).strided(), out.strided());
                if (op == dev.nabla.backend.BinaryOp.POW) {
                    EmulatedOutput.assertClose(out, l.tensor(dtype, 4, 3, 5), 4e-7, op + " " + dtype);
                } else {
                    // correctly rounded operations in the operands' precision on both: the same bits
                    assertExact(out, l.tensor(dtype, 4, 3, 5), op + " " + dtype);
                }
            }
        }
        Tensor a = EmulatedOutput.uniform(DType.FLOAT32, 58, -3, 3, 4, 1, 5);
        Tensor b = EmulatedOutput.uniform(DType.FLOAT32, 59, -3, 3, 1, 3, 5);
        Tensor cond = a.gt(0).to(DType.FLOAT32);
        Tensor out = Tensor.zeros(DType.FLOAT32, Device.CPU, 4, 3, 5);
        CPU.where(cond.expand(4, 3, 5).strided(), b.expand(4, 3, 5).strided(), a.expand(4, 3, 5).strided(), out.strided());
        assertExact(out, named("WHERE_F32").get(0).tensor(DType.FLOAT32, 4, 3, 5), "where");
    }

    @Test
    void reductionsAndArgReductionsMatchTheCpuInEveryDtypeOnBothPaths() {
        List<EmulatedOutput.Line> reductions = named("REDUCE");
        List<EmulatedOutput.Line> argReductions = named("ARGREDUCE");
        assertEquals(24, reductions.size(), "SUM, MAX, MIN × two layouts × three dtypes and full-range int64");
        assertEquals(16, argReductions.size(), "ARGMAX, ARGMIN × two layouts × three dtypes and full-range int64");
        for (EmulatedOutput.Line l : reductions) {
            int[] f = l.fields();
            l.assertGeometry(LaunchGeometry.reduction(f[2], f[3], f[4]));
            dev.nabla.backend.ReduceOp op = dev.nabla.backend.ReduceOp.valueOf(ReduceOp.values()[f[1]].name());
            DType dtype = reductionType(f[0]);
            Tensor out = Tensor.zeros(dtype, Device.CPU, f[2], 1, f[4]);
            CPU.reduce(op, reductionInput(f).strided(), out.strided());
            // float sums of 37 values in another order; maxima, minima and int64 sums exactly
            if (dtype != DType.INT64 && op == dev.nabla.backend.ReduceOp.SUM) {
                double tolerance = dtype == DType.FLOAT32 ? 2e-6 : 1e-14;
                EmulatedOutput.assertClose(out, l.tensor(dtype, f[2], 1, f[4]), tolerance, l.at());
            } else {
                assertExact(out, l.tensor(dtype, f[2], 1, f[4]), dtype + " " + op + " " + l.at());
            }
        }
        for (EmulatedOutput.Line l : argReductions) {
            int[] f = l.fields();
            l.assertGeometry(LaunchGeometry.reduction(f[2], f[3], f[4]));
            dev.nabla.backend.ReduceOp op = f[1] == ArgReduceOp.ARGMAX.code() ? dev.nabla.backend.ReduceOp.MAX
                    : dev.nabla.backend.ReduceOp.MIN;
            Tensor out = Tensor.zeros(DType.INT64, Device.CPU, f[2], 1, f[4]);
            CPU.argReduce(op, reductionInput(f).strided(), 1, out.strided());
            assertExact(out, l.tensor(DType.INT64, f[2], 1, f[4]), reductionType(f[0]) + " arg" + op + " " + l.at());
        }
    }

    private static DType reductionType(int code) {
        return code == WIDE_INT64 ? DType.INT64 : DTYPE_CODES[code];
    }

    /**
     * The host program's reduction input for a line's fields (dtype code, op, outer, reduce, inner): floats on [-5, 5)
     * with a NaN at element 37, int64 on [-4, 5) narrowed (nine values, so ties everywhere), or (code 3) full-range
     * int64 with the edges in front, whose sums wrap.
     */
    private static Tensor reductionInput(int[] f) {
        int n = 4 * 37 * 7;
        DType dtype = reductionType(f[0]);
        Tensor all;
        if (f[0] == WIDE_INT64) {
            all = edgeBits(70, n);
        } else if (dtype == DType.INT64) {
            all = EmulatedOutput.uniform(DType.INT64, 57, -4, 5, n);
        } else {
            double[] values = EmulatedOutput.uniform(dtype, 68, -5, 5, n).toDoubleArray();
            values[37] = Double.NaN;
            all = Tensor.of(values, n).to(dtype);
        }
        return all.narrow(0, 0, f[2] * f[3] * f[4]).reshape(f[2], f[3], f[4]);
    }

    @Test
    void floatFloorDivisionAndRemainderOfSpecialValuesEqualTheCpu() {
        double[] specials = {-7.5, 7.5, -0.0, 0.0, 2, -2, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NaN, 1e30, -1e-30, 0.3};
        int k = specials.length;
        double[] a = new double[k * k];
        double[] b = new double[k * k];
        for (int i = 0; i < k * k; i++) {
            a[i] = specials[i / k];
            b[i] = specials[i % k];
        }
        List<EmulatedOutput.Line> lines = named("DIVISION");
        assertEquals(4, lines.size(), "FLOOR_DIVIDE and REMAINDER in float32 and float64");
        for (EmulatedOutput.Line l : lines) {
            DType dtype = DTYPE_CODES[l.fields()[0]];
            dev.nabla.backend.BinaryOp op = dev.nabla.backend.BinaryOp.valueOf(BinaryOp.values()[l.fields()[1]].name());
            Tensor out = Tensor.zeros(dtype, Device.CPU, k * k);
            // the host program rounds each special to float32 as this cast does (1e30, -1e-30 and 0.3 change)
            CPU.binary(op, Tensor.of(a, k * k).to(dtype).strided(), Tensor.of(b, k * k).to(dtype).strided(),
                    out.strided());
            assertSameValues(out, l.tensor(dtype, k * k), op + " " + dtype);
        }
    }

    /** Equal bits, except that any NaN matches any NaN (the payload and sign of a NaN are not specified). */
    private static void assertSameValues(Tensor expected, Tensor actual, String what) {
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            if (Double.isNaN(e[i])) {
                assertTrue(Double.isNaN(a[i]), what + " [" + i + "]: NaN vs " + a[i]);
            } else {
                assertEquals(Double.doubleToRawLongBits(e[i]), Double.doubleToRawLongBits(a[i]),
                        what + " [" + i + "]: " + e[i] + " vs " + a[i]);
            }
        }
    }

    @Test
    void castsBetweenEveryDtypePairEqualTheCpuBitForBit() {
        Tensor[] sources = {withNonFiniteFront(EmulatedOutput.uniform(DType.FLOAT32, 56, -2e19, 2e19, N)),
                withNonFiniteFront(EmulatedOutput.uniform(DType.FLOAT64, 55, -2e19, 2e19, N)), edgeBits(52, N)};
        List<EmulatedOutput.Line> casts = named("CAST");
        assertEquals(6, casts.size(), "every ordered pair of distinct dtypes");
        for (EmulatedOutput.Line l : casts) {
            DType from = DTYPE_CODES[l.fields()[0]];
            DType to = DTYPE_CODES[l.fields()[1]];
            Tensor out = Tensor.zeros(to, Device.CPU, N);
            CPU.copy(sources[l.fields()[0]].strided(), out.strided());
            assertExact(out, l.tensor(to, N), from + " -> " + to);
        }
        EmulatedOutput.Line transposed = named("CAST_T").get(0);
        Tensor y = Tensor.zeros(DType.FLOAT32, Device.CPU, 20, 15);
        CPU.copy(edgeBits(52, 15, 20).transpose(0, 1).strided(), y.strided());
        assertExact(y, transposed.tensor(DType.FLOAT32, 20, 15), "int64 -> float32 through a transposed layout");
    }

    /** {@code x} with NaN, +∞ and −∞ as its first three values, as the host program sets them. */
    private static Tensor withNonFiniteFront(Tensor x) {
        double[] v = x.toDoubleArray();
        v[0] = Double.NaN;
        v[1] = Double.POSITIVE_INFINITY;
        v[2] = Double.NEGATIVE_INFINITY;
        return Tensor.of(v, v.length).to(x.dtype());
    }

    @Test
    void randomFillsFollowTheCpuStreamInEveryDtype() {
        for (EmulatedOutput.Line l : named("RANDOM")) {
            RandomOp op = l.fields()[0] == 0 ? RandomOp.UNIFORM : RandomOp.NORMAL;
            DType dtype = switch (l.fields()[1]) {
                case 32 -> DType.FLOAT32;
                case 64 -> DType.FLOAT64;
                default -> DType.INT64;
            };
            l.assertGeometry(LaunchGeometry.elementwise(N));
            Tensor out = Tensor.zeros(dtype, Device.CPU, N);
            if (op == RandomOp.UNIFORM) {
                CPU.random(op, 77, 1000, -2, 5, out.strided());
                assertExact(out, l.tensor(dtype, N), "uniform " + dtype);
            } else {
                CPU.random(op, 77, 1000, 0.5, 2, out.strided());
                // Box-Muller through the host's log and cos: a few double ulps, which the narrowing may keep
                double[] e = out.toDoubleArray();
                double[] a = l.tensor(dtype, N).toDoubleArray();
                for (int i = 0; i < N; i++) {
                    double tolerance = switch (dtype) {
                        case FLOAT64 -> 16 * Math.ulp(e[i]);
                        case FLOAT32 -> Math.ulp((float) e[i]);
                        case INT64 -> 1;
                    };
                    assertEquals(e[i], a[i], tolerance, "normal " + dtype + " [" + i + "]");
                }
            }
        }
    }

    @Test
    void generalGatherAndScatterAddEqualTheCpu() {
        Tensor logp = EmulatedOutput.uniform(DType.FLOAT32, 60, -5, 0, 8, 10);
        Tensor target = EmulatedOutput.uniform(DType.INT64, 61, 0, 10, 8).unsqueeze(1);
        Tensor x = EmulatedOutput.uniform(DType.FLOAT32, 62, -1, 1, 5, 7);
        Tensor rows = EmulatedOutput.uniform(DType.INT64, 63, 0, 5, 3, 7);
        Tensor cols = EmulatedOutput.uniform(DType.INT64, 64, 0, 7, 5, 3);
        Tensor[][] gathers = {
            {logp, target, Tensor.zeros(DType.FLOAT32, Device.CPU, 8, 1)},
            {x, rows, Tensor.zeros(DType.FLOAT32, Device.CPU, 3, 7)},
            {x.reshape(7, 5).transpose(0, 1), cols, Tensor.zeros(DType.FLOAT32, Device.CPU, 5, 3)},
            {bits(65, 35).reshape(5, 7), rows, Tensor.zeros(DType.INT64, Device.CPU, 3, 7)},
            null, null,
            {EmulatedOutput.uniform(DType.FLOAT64, 62, -1, 1, 5, 7), rows,
                Tensor.zeros(DType.FLOAT64, Device.CPU, 3, 7)}};
        int[] axes = {1, 0, 1, 0, -1, -1, 0};
        List<EmulatedOutput.Line> gathered = named("GATHER");
        assertEquals(5, gathered.size(), "gather cases");
        for (EmulatedOutput.Line l : gathered) {
            Tensor[] c = gathers[l.fields()[0]];
            CPU.gather(c[0].strided(), axes[l.fields()[0]], c[1].strided(), c[2].strided());
            assertExact(c[2], l.tensor(c[2].dtype(), c[2].shape().toArray()), l.at());
        }
        Tensor into = EmulatedOutput.uniform(DType.INT64, 66, 0, 5, 6, 7);
        List<EmulatedOutput.Line> scatters = named("SCATTER_ADD");
        assertEquals(3, scatters.size(), "float32, float64 and int64 scatter-adds");
        for (EmulatedOutput.Line l : scatters) {
            DType dtype = switch (l.fields()[0]) {
                case 4 -> DType.FLOAT32;
                case 5 -> DType.FLOAT64;
                default -> DType.INT64;
            };
            Tensor dst = dtype == DType.INT64 ? edgeBits(69, 5, 7) : Tensor.zeros(dtype, Device.CPU, 5, 7);
            Tensor src = dtype == DType.INT64 ? edgeBits(67, 6, 7) : EmulatedOutput.uniform(dtype, 67, -1, 1, 6, 7);
            CPU.scatterAdd(dst.strided(), 0, into.strided(), src.strided());
            if (dtype == DType.INT64) {
                assertExact(dst, l.tensor(dtype, 5, 7), l.at());
            } else {
                // up to six values meet in one row: the emulation adds them in thread order, the CPU in its own
                EmulatedOutput.assertClose(dst, l.tensor(dtype, 5, 7), dtype == DType.FLOAT32 ? 1e-6 : 1e-15, l.at());
            }
        }
    }

    @Test
    void everyElementwiseEntryPointOfEveryDtypeEqualsTheCpu() {
        for (int code = 0; code < DTYPE_CODES.length; code++) {
            DType dtype = DTYPE_CODES[code];
            double low = dtype == DType.INT64 ? -50 : -3;
            Tensor a = EmulatedOutput.uniform(dtype, 74, low, -low, 20);
            Tensor b = EmulatedOutput.uniform(dtype, 75, low, -low, 20);
            Tensor cond = a.gt(0).to(dtype);
            Tensor y = Tensor.zeros(dtype, Device.CPU, 20);
            CPU.unary(dev.nabla.backend.UnaryOp.NEG, a.strided(), y.strided());
            assertExact(y, line("EW_UNARY", code).tensor(dtype, 20), "EW_UNARY " + dtype);
            Tensor copied = Tensor.zeros(dtype, Device.CPU, 5, 4);
            CPU.copy(a.reshape(4, 5).transpose(0, 1).strided(), copied.strided());
            assertExact(copied, line("EW_UNARY_STRIDED", code).tensor(dtype, 5, 4), "EW_UNARY_STRIDED " + dtype);
            CPU.binary(dev.nabla.backend.BinaryOp.MUL, a.strided(), b.strided(), y.strided());
            assertExact(y, line("EW_BINARY", code).tensor(dtype, 20), "EW_BINARY " + dtype);
            Tensor wide = Tensor.zeros(dtype, Device.CPU, 4, 3, 5);
            Tensor rowsOfA = a.reshape(4, 1, 5).expand(4, 3, 5);
            Tensor rowsOfB = b.narrow(0, 0, 15).reshape(1, 3, 5).expand(4, 3, 5);
            CPU.binary(dev.nabla.backend.BinaryOp.SUB, rowsOfA.strided(), rowsOfB.strided(), wide.strided());
            assertExact(wide, line("EW_BINARY_STRIDED", code).tensor(dtype, 4, 3, 5), "EW_BINARY_STRIDED " + dtype);
            CPU.where(cond.strided(), a.strided(), b.strided(), y.strided());
            assertExact(y, line("EW_WHERE", code).tensor(dtype, 20), "EW_WHERE " + dtype);
            CPU.where(cond.reshape(4, 1, 5).expand(4, 3, 5).strided(), rowsOfA.strided(), rowsOfB.strided(),
                    wide.strided());
            assertExact(wide, line("EW_WHERE_STRIDED", code).tensor(dtype, 4, 3, 5), "EW_WHERE_STRIDED " + dtype);
        }
    }

    private static EmulatedOutput.Line line(String name, int dtypeCode) {
        return EmulatedOutput.withFields(lines, name, dtypeCode);
    }

    @Test
    void indexSelectAndIndexAddEqualTheCpusGatherAndScatterAdd() {
        // the int32 indices of the host program along axis 1, broadcast over the outer and inner axes as the
        // CUDA backend's IndexPlan sees an embedding lookup or indexSelect
        Tensor index = Tensor.of(new long[] {6, 0, 6, 3, 6, 1}, 1, 6, 1).expand(3, 6, 5);
        List<EmulatedOutput.Line> selects = named("INDEX_SELECT");
        assertEquals(3, selects.size(), "index cases");
        for (EmulatedOutput.Line l : selects) {
            DType dtype = EmulatedOutput.floatType(l.fields()[0]);
            EmulatedOutput.Line added = EmulatedOutput.sibling(lines, "INDEX_ADD", l);
            if (l.fields()[1] == 0) {
                l.assertGeometry(LaunchGeometry.elementwise(3 * 6 * 5));
            }
            Tensor picked = Tensor.zeros(dtype, Device.CPU, 3, 6, 5);
            Tensor x = EmulatedOutput.uniform(dtype, 72, -1, 1, 3, 7, 5);
            CPU.gather(x.strided(), 1, index.strided(), picked.strided());
            assertExact(picked, l.tensor(dtype, 3, 6, 5), l.at());
            Tensor dst = Tensor.zeros(dtype, Device.CPU, 3, 7, 5);
            Tensor src = EmulatedOutput.uniform(dtype, 73, -1, 1, 3, 6, 5);
            CPU.scatterAdd(dst.strided(), 1, index.strided(), src.strided());
            // three values meet at index 6: the emulation adds them in thread order, the CPU in its own
            EmulatedOutput.assertClose(dst, added.tensor(dtype, 3, 7, 5), dtype == DType.FLOAT32 ? 1e-6 : 1e-15,
                    added.at());
        }
    }

    @Test
    void ptxGemmFallbackMatchesTheCpuMatmulForTransposesBroadcastAndBeta() {
        List<EmulatedOutput.Line> gemms = named("GEMM");
        assertEquals(5, gemms.size(), "GEMM cases");
        for (EmulatedOutput.Line l : gemms) {
            int[] f = l.fields();
            int m = f[0];
            int n = f[1];
            int k = f[2];
            boolean transA = f[3] == 1;
            boolean transB = f[4] == 1;
            int batch = f[5];
            boolean broadcastA = f[6] == 1;
            double beta = f[7] == 1 ? 0.5 : 0;
            DType dtype = EmulatedOutput.floatType(f[9]);
            if (f[8] == 0) {
                l.assertGeometry(LaunchGeometry.gemm(m, n, batch));
            }
            int batchA = broadcastA ? 1 : batch;
            Tensor a = transA ? EmulatedOutput.uniform(dtype, 80, -1, 1, batchA, k, m).transpose(1, 2)
                    : EmulatedOutput.uniform(dtype, 80, -1, 1, batchA, m, k);
            Tensor b = transB ? EmulatedOutput.uniform(dtype, 81, -1, 1, batch, n, k).transpose(1, 2)
                    : EmulatedOutput.uniform(dtype, 81, -1, 1, batch, k, n);
            Tensor c = EmulatedOutput.uniform(dtype, 82, -1, 1, batch, m, n);
            Tensor expected = a.matmul(b).mul(2).add(c.mul(beta));
            // sums of up to 70 products of values below 1, rounded in a different order
            EmulatedOutput.assertClose(expected, l.tensor(dtype, batch, m, n), dtype == DType.FLOAT32 ? 1e-5 : 1e-13,
                    l.at());
        }
    }
}
