package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.PadMode;
import dev.nabla.Tensor;
import dev.nabla.nn.ConvOps;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Losses;
import dev.nabla.nn.Parameter;
import dev.nabla.nn.PoolOps;
import dev.nabla.nn.Reduction;
import dev.nabla.nn.attention.Attention;
import dev.nabla.nn.rnn.GRU;
import dev.nabla.nn.rnn.LSTM;
import dev.nabla.nn.rnn.RNN;
import dev.nabla.nn.rnn.RecurrentLayer;
import dev.nabla.nn.rnn.RecurrentOptions;
import dev.nabla.nn.rnn.RecurrentOutput;
import dev.nabla.optim.Adam;
import dev.nabla.optim.AdamW;
import dev.nabla.backend.Backend;
import dev.nabla.backend.Backends;
import dev.nabla.backend.Probe;
import dev.nabla.backend.Strided;
import dev.nabla.backend.fast.AttentionBackwardKernel;
import dev.nabla.backend.fast.AttentionKernel;
import dev.nabla.backend.fast.ColumnLayout;
import dev.nabla.backend.fast.ConvGeometry;
import dev.nabla.backend.fast.ConvKernel;
import dev.nabla.backend.fast.FusedActivation;
import dev.nabla.backend.fast.GruCellKernel;
import dev.nabla.backend.fast.Im2ColKernel;
import dev.nabla.backend.fast.LstmCellKernel;
import dev.nabla.backend.fast.PoolGeometry;
import dev.nabla.backend.fast.RecurrenceGradients;
import dev.nabla.backend.fast.RecurrenceKernel;
import dev.nabla.backend.fast.RecurrenceOperands;
import dev.nabla.backend.fast.RecurrenceProblem;
import dev.nabla.backend.fast.RecurrentCell;
import dev.nabla.backend.fast.ReferenceConv;
import dev.nabla.backend.fast.WindowIm2Col;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every CUDA primitive and fast path against the CPU backend on the same random inputs. Skipped (with
 * the probe's reason) where CUDA is unusable; on a GPU these are the tests that exercise the PTX
 * kernels, cuBLAS and the host fallbacks.
 */
class CudaVsCpuTest {

    private static final Device GPU = Device.cuda(0);
    private static final List<DType> FLOATS = List.of(DType.FLOAT32, DType.FLOAT64);

    private static final Probe PROBE = new CudaBackendProvider().probe();

    /** Per test, so that every test is reported as skipped with the probe's reason. */
    @BeforeEach
    void requireCuda() {
        Assumptions.assumeTrue(PROBE.usable(), "CUDA unusable: " + PROBE.reason());
    }

    private static Tensor randn(long seed, DType dtype, int... shape) {
        return Tensor.normal(new Generator(seed), 0, 1, dtype, Device.CPU, shape);
    }

    private static void assertClose(Tensor cpu, Tensor cuda, String what) {
        assertClose(cpu, cuda, 1e-5, what);
    }

    /** Equal shapes and values within {@code float32Tolerance} (relative and absolute), or 1e-12 for float64. */
    private static void assertClose(Tensor cpu, Tensor cuda, double float32Tolerance, String what) {
        Tensor back = cuda.to(Device.CPU);
        double tol = cpu.dtype() == DType.FLOAT32 ? float32Tolerance : 1e-12;
        assertTrue(cpu.shape().equals(back.shape()), what + ": shapes " + cpu.shape() + " vs " + back.shape());
        assertTrue(cpu.allClose(back, tol, tol), what + ": cpu " + cpu + " vs cuda " + back);
    }

    private static void compareUnary(String what, Tensor x, UnaryOperator<Tensor> f) {
        assertClose(f.apply(x), f.apply(x.to(GPU)), what + " " + x.dtype());
    }

    private static void compareBinary(String what, Tensor a, Tensor b, BinaryOperator<Tensor> f) {
        assertClose(f.apply(a, b), f.apply(a.to(GPU), b.to(GPU)), what + " " + a.dtype());
    }

    @Test
    void unaryOpsOnContiguousAndTransposedInputs() {
        for (DType dtype : FLOATS) {
            Tensor x = randn(1, dtype, 7, 33);
            Tensor positive = x.abs().add(0.1);
            List<UnaryOperator<Tensor>> ops = List.of(Tensor::neg, Tensor::exp, Tensor::abs, Tensor::sign, Tensor::sigmoid,
                    Tensor::tanh, Tensor::relu, Tensor::sin, Tensor::cos, Tensor::erf, Tensor::floor, Tensor::nonFinite,
                    Tensor::expm1);
            for (int i = 0; i < ops.size(); i++) {
                compareUnary("unary #" + i, x, ops.get(i));
                compareUnary("unary #" + i + " on a transpose", x.t(), ops.get(i));
            }
            compareUnary("log", positive, Tensor::log);
            compareUnary("sqrt", positive.t(), Tensor::sqrt);
            compareUnary("log1p", positive.t(), Tensor::log1p);
        }
    }

    /**
     * Scans (core's Hillis–Steele reference on the elementwise kernels), sorts (the reference through the host),
     * max/min with positions, and the ops composed from existing ones, with a gradient through each kind.
     */
    @Test
    void scansSortsAndComposedOpsMatchTheCpu() {
        for (DType dtype : FLOATS) {
            Tensor x = randn(11, dtype, 5, 37);
            compareUnary("cumsum", x.t(), t -> t.cumsum(0));
            compareUnary("cumprod", x.mul(0.5).add(1), t -> t.cumprod(1));
            compareUnary("sort values", x, t -> t.sort(1, true).values());
            compareUnary("sort indices", x, t -> t.sort(0, false).indices());
            compareUnary("topk indices", x, t -> t.topk(3, 1, true).indices());
            compareUnary("max positions", x, t -> t.max(1, false).indices());
            compareUnary("min values", x, t -> t.min(0, true).values());
            compareUnary("maskedFill", x, t -> t.maskedFill(t.gt(Tensor.scalar(0, dtype, t.device())), -1));
            compareUnary("repeat", x, t -> t.repeat(2, 1, 3));
            compareUnary("pad reflect", x.reshape(1, 5, 37), t -> t.pad(new int[] {3, 2, 1, 1}, PadMode.REFLECT, 0));
            compareUnary("pad constant", x, t -> t.pad(new int[] {2, -3, 1, 0}, PadMode.CONSTANT, 0.5));
            Tensor y = randn(12, dtype, 37, 4);
            compareBinary("einsum", x, y, (a, b) -> Tensor.einsum("ij,jk->ik", a, b));
            compareUnary("einsum trace", x.narrow(1, 0, 5), t -> Tensor.einsum("ii", t));
            UnaryOperator<Tensor> gradient = t -> {
                Tensor leaf = t.detach().requiresGrad(true);
                leaf.cumprod(1).sort(1, false).values().cumsum(1).sum().backward();
                return leaf.grad();
            };
            compareUnary("gradient through cumprod, sort and cumsum", x.mul(0.5).add(1), gradient);
        }
        Tensor ints = Tensor.randint(new Generator(13), -50, 50, Device.CPU, 4, 40);
        compareUnary("int64 cumsum", ints, t -> t.cumsum(1));
        compareUnary("int64 sort", ints, t -> t.sort(1, false).values());
    }

    @Test
    void binaryOpsBroadcastAndCompare() {
        for (DType dtype : FLOATS) {
            Tensor a = randn(2, dtype, 4, 1, 5);
            Tensor b = randn(3, dtype, 3, 5);
            List<BinaryOperator<Tensor>> ops = List.of(Tensor::add, Tensor::sub, Tensor::mul, Tensor::div, Tensor::maximum,
                    Tensor::minimum, Tensor::eq, Tensor::ne, Tensor::lt, Tensor::le, Tensor::gt, Tensor::ge);
            for (int i = 0; i < ops.size(); i++) {
                compareBinary("binary #" + i, a, b, ops.get(i));
            }
            compareBinary("pow", a.abs().add(0.5), b, Tensor::pow);
            Tensor cond = randn(4, dtype, 4, 3, 1).gt(Tensor.scalar(0, dtype, Device.CPU));
            assertClose(Tensor.where(cond, a, b), Tensor.where(cond.to(GPU), a.to(GPU), b.to(GPU)), "where " + dtype);
        }
    }

    @Test
    void int64ElementwiseOpsReductionsAndExactCopies() {
        Tensor a = Tensor.randint(new Generator(5), -9, 9, Device.CPU, 6, 4);
        Tensor row = Tensor.randint(new Generator(6), -9, 9, Device.CPU, 4);
        Tensor strided = a.t().contiguous().t();
        for (UnaryOperator<Tensor> op : List.<UnaryOperator<Tensor>>of(Tensor::neg, Tensor::abs, Tensor::sign, Tensor::relu)) {
            compareUnary("int64 unary", a, op);
            compareUnary("int64 unary on a transpose", a.t(), op);
        }
        for (BinaryOperator<Tensor> op : List.<BinaryOperator<Tensor>>of(Tensor::add, Tensor::sub, Tensor::mul,
                Tensor::maximum, Tensor::minimum, Tensor::eq, Tensor::ne, Tensor::lt, Tensor::le, Tensor::gt, Tensor::ge)) {
            compareBinary("int64 binary, broadcast row", a, row, op);
            compareBinary("int64 binary, strided", a, strided, op);
        }
        Tensor cond = a.gt(Tensor.scalar(0, DType.INT64, Device.CPU));
        assertClose(Tensor.where(cond, a, row), Tensor.where(cond.to(GPU), a.to(GPU), row.to(GPU)), "int64 where");
        for (int[] dims : List.of(new int[] {0}, new int[] {1}, new int[] {0, 1})) {
            compareUnary("int64 sum", a, t -> t.sum(dims, false));
            compareUnary("int64 max", a.t(), t -> t.max(dims, true));
            compareUnary("int64 min", a, t -> t.min(dims, false));
        }
        for (int d = 0; d < 2; d++) {  // 18 values over 24 cells: ties, which go to the first index
            int dim = d;
            compareUnary("int64 argmax", a, t -> t.argmax(dim, false));
            compareUnary("int64 argmin of a transpose", a.t(), t -> t.argmin(dim, true));
        }
        // Beyond 2^53 a strided copy must stay exact (it is a copy, not arithmetic through double).
        Tensor big = Tensor.of(new long[] {(1L << 60) + 1, -(1L << 60) - 3, Long.MAX_VALUE, Long.MIN_VALUE + 7}, 2, 2);
        assertArrayEquals(big.t().contiguous().toLongArray(), big.to(GPU).t().contiguous().to(Device.CPU).toLongArray());
    }

    /** Full-range int64 values of the given shape, with the edges (extremes, 2^53 + 1, a float rounding trap) first. */
    private static Tensor wideLongs(long seed, int... shape) {
        long[] v = java.util.stream.LongStream.range(0, Arrays.stream(shape).reduce(1, Math::multiplyExact))
                .map(i -> dev.nabla.backend.CounterRng.bits(seed, i)).toArray();
        long[] front = {Long.MIN_VALUE, Long.MAX_VALUE, (1L << 53) + 1, (1L << 53) + (1L << 29) + 1, 0, -1};
        System.arraycopy(front, 0, v, 0, Math.min(front.length, v.length));
        return Tensor.of(v, shape);
    }

    private static void assertSameLongs(Tensor cpu, Tensor cuda, String what) {
        assertArrayEquals(cpu.toLongArray(), cuda.to(Device.CPU).toLongArray(), what);
    }

    @Test
    void int64ArithmeticIsExactOnFullRangeValuesAndWraps() {
        Tensor a = wideLongs(20, 6, 8);
        Tensor b = wideLongs(21, 8);
        Tensor small = b.remainder(1999).sub(999);
        Tensor divisor = small.add(small.eq(0));  // [-999, 999] without 0
        Tensor wideDivisor = b.add(b.eq(0));  // b without its 0
        Tensor exponent = Tensor.arange(-3, 61, 8, DType.INT64, Device.CPU);
        for (BinaryOperator<Tensor> op : List.<BinaryOperator<Tensor>>of(Tensor::add, Tensor::sub, Tensor::mul,
                Tensor::maximum, Tensor::minimum, Tensor::eq, Tensor::ne, Tensor::lt, Tensor::le, Tensor::gt,
                Tensor::ge)) {
            assertSameLongs(op.apply(a, b), op.apply(a.to(GPU), b.to(GPU)), "wide int64 binary");
            assertSameLongs(op.apply(a.t(), b.narrow(0, 0, 6)), op.apply(a.to(GPU).t(), b.narrow(0, 0, 6).to(GPU)),
                    "wide int64 binary on a transpose");
        }
        for (BinaryOperator<Tensor> op : List.<BinaryOperator<Tensor>>of(Tensor::floorDivide, Tensor::remainder)) {
            assertSameLongs(op.apply(a, divisor), op.apply(a.to(GPU), divisor.to(GPU)), "wide int64 division");
            assertSameLongs(op.apply(a, wideDivisor), op.apply(a.to(GPU), wideDivisor.to(GPU)),
                    "wide int64 division by wide divisors");
        }
        assertSameLongs(a.pow(exponent), a.to(GPU).pow(exponent.to(GPU)), "wide int64 pow");
        for (UnaryOperator<Tensor> op : List.<UnaryOperator<Tensor>>of(Tensor::neg, Tensor::abs, Tensor::sign,
                Tensor::relu, Tensor::floor)) {
            assertSameLongs(op.apply(a), op.apply(a.to(GPU)), "wide int64 unary");
        }
        for (int[] dims : List.of(new int[] {0}, new int[] {1}, new int[] {0, 1})) {
            assertSameLongs(a.sum(dims, false), a.to(GPU).sum(dims, false), "wide int64 sum (wraps)");
            assertSameLongs(a.t().max(dims, true), a.to(GPU).t().max(dims, true), "wide int64 max");
            assertSameLongs(a.min(dims, false), a.to(GPU).min(dims, false), "wide int64 min");
        }
        Tensor near = Tensor.of(new long[] {1L << 53, (1L << 53) + 1, (1L << 53) - 1, (1L << 53) + 1}, 4);
        assertSameLongs(near.argmax(0, false), near.to(GPU).argmax(0, false), "argmax beyond 2^53");
        assertSameLongs(near.argmin(0, false), near.to(GPU).argmin(0, false), "argmin beyond 2^53");
        Tensor cond = a.gt(0);
        assertSameLongs(Tensor.where(cond, a, b), Tensor.where(cond.to(GPU), a.to(GPU), b.to(GPU)), "wide int64 where");
        assertSameLongs(a.clamp(-0x1p60, 0x1p60), a.to(GPU).clamp(-0x1p60, 0x1p60), "wide int64 clamp");
        assertArrayEquals(a.toFloatArray(), a.to(GPU).toFloatArray(), "int64 -> float32 rounds once");
        Tensor rows = Tensor.randint(new Generator(22), 0, 3, Device.CPU, 6, 8);
        assertSameLongs(wideLongs(23, 3, 8).scatterAdd(0, rows, a), wideLongs(23, 3, 8).to(GPU).scatterAdd(0,
                rows.to(GPU), a.to(GPU)), "wide int64 scatterAdd (wraps)");
    }

    @Test
    void divisionFloorDivisionAndRemainderMatchTheCpu() {
        double[] specials = {-7.5, 7.5, -0.0, 0.0, 2, -2, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NaN, 1e30, -1e-30, 0.3};
        int k = specials.length;
        Tensor x = Tensor.of(specials, k, 1);
        Tensor y = Tensor.of(specials, 1, k);
        for (DType dtype : FLOATS) {
            for (BinaryOperator<Tensor> op : List.<BinaryOperator<Tensor>>of(Tensor::floorDivide, Tensor::remainder,
                    Tensor::div)) {
                Tensor cpu = op.apply(x.to(dtype), y.to(dtype));
                Tensor gpu = op.apply(x.to(dtype).to(GPU), y.to(dtype).to(GPU));
                // every element exactly, NaN matching NaN and -0.0 told from 0.0
                assertArrayEquals(cpu.toDoubleArray(), gpu.to(Device.CPU).toDoubleArray(), "special values " + dtype);
            }
            Tensor a = randn(24, dtype, 5, 7).mul(10);
            Tensor b = randn(25, dtype, 7);
            assertClose(a.floorDivide(b), a.to(GPU).floorDivide(b.to(GPU)), "floorDivide " + dtype);
            assertClose(a.remainder(b), a.to(GPU).remainder(b.to(GPU)), "remainder " + dtype);
            Tensor leaf = a.detach().requiresGrad(true);
            Tensor gpuLeaf = a.to(GPU).detach().requiresGrad(true);
            Tensor divisor = b.detach().requiresGrad(true);
            Tensor gpuDivisor = b.to(GPU).detach().requiresGrad(true);
            leaf.remainder(divisor).sum().backward();
            gpuLeaf.remainder(gpuDivisor).sum().backward();
            assertClose(divisor.grad(), gpuDivisor.grad(), "remainder gradient " + dtype);
        }
        Tensor counts = Tensor.of(new long[] {3, -7, 1, 0, Long.MAX_VALUE}, 5);
        Tensor by = Tensor.of(new long[] {4, 2, 0, 0, 3}, 5);
        assertArrayEquals(counts.div(by).toFloatArray(), counts.to(GPU).div(by.to(GPU)).toFloatArray(),
                "int64 true division");
        assertThrows(ArithmeticException.class, () -> counts.to(GPU).floorDivide(by.to(GPU)));
        assertThrows(ArithmeticException.class, () -> counts.to(GPU).remainder(0));
    }

    @Test
    void crossEntropyWithInt64TargetsAndAnIgnoredIndexMatchesTheCpu() {
        for (DType dtype : FLOATS) {
            Tensor logits = randn(50, dtype, 9, 5).mul(3);
            Tensor target = Tensor.of(new long[] {0, 4, 2, -100, 1, 3, 3, 0, -100}, 9);
            Tensor[] cpu = crossEntropyAndGradient(logits, target);
            Tensor[] gpu = crossEntropyAndGradient(logits.to(GPU), target.to(GPU));
            assertClose(cpu[0], gpu[0], "cross-entropy " + dtype);
            assertClose(cpu[1], gpu[1], "cross-entropy gradient " + dtype);
            Tensor perRow = Losses.crossEntropy(logits.to(GPU).requiresGrad(true), target.to(GPU), null, -100, 0,
                    Reduction.NONE);
            assertTrue(perRow.gradFn().op().equals("crossEntropy"), "the fused cross-entropy kernels ran");
        }
        // a wide row: the forward's block strides over 3000 classes
        Tensor wide = randn(51, DType.FLOAT32, 4, 3000);
        Tensor target = Tensor.of(new long[] {2999, 0, -100, 1234}, 4);
        Tensor[] cpu = crossEntropyAndGradient(wide, target);
        Tensor[] gpu = crossEntropyAndGradient(wide.to(GPU), target.to(GPU));
        assertClose(cpu[0], gpu[0], "wide cross-entropy");
        assertClose(cpu[1], gpu[1], "wide cross-entropy gradient");
    }

    private static Tensor[] crossEntropyAndGradient(Tensor logits, Tensor target) {
        Tensor leaf = logits.detach().requiresGrad(true);
        Tensor loss = Losses.crossEntropy(leaf, target, null, -100, 0, Reduction.MEAN);
        loss.backward();
        return new Tensor[] {loss.detach(), leaf.grad()};
    }

    @Test
    void castsBetweenEveryDtypePair() {
        Tensor x = randn(6, DType.FLOAT64, 5, 6).mul(10);
        for (DType from : DType.values()) {
            for (DType to : DType.values()) {
                Tensor src = x.to(from);
                assertClose(src.t().to(to), src.to(GPU).t().to(to), "cast " + from + " -> " + to);
            }
        }
    }

    @Test
    void reductionsOverAdjacentSeparatedAndTransposedDims() {
        for (DType dtype : FLOATS) {
            Tensor x = randn(7, dtype, 3, 4, 5);
            for (int[] dims : List.of(new int[] {0}, new int[] {1}, new int[] {2}, new int[] {0, 2}, new int[] {1, 2},
                    new int[] {0, 1, 2})) {
                compareUnary("sum", x, t -> t.sum(dims, true));
                compareUnary("max", x, t -> t.max(dims, false));
                compareUnary("min on a permutation", x.permute(2, 0, 1), t -> t.min(dims, true));
            }
            for (int d = 0; d < 3; d++) {
                int dim = d;
                compareUnary("argmax", x, t -> t.argmax(dim, false));
                compareUnary("argmin of a permutation", x.permute(1, 2, 0), t -> t.argmin(dim, true));
            }
        }
    }

    @Test
    void randomNumbersFollowTheCpuStream() {
        for (DType dtype : FLOATS) {
            Tensor cpu = Tensor.uniform(new Generator(42), -2, 3, dtype, Device.CPU, 1000);
            Tensor gpu = Tensor.uniform(new Generator(42), -2, 3, dtype, GPU, 1000);
            assertArrayEquals(cpu.toDoubleArray(), gpu.to(Device.CPU).toDoubleArray(), "uniform " + dtype);
            // Box-Muller's log and cos round differently on the device (within 2 ulp of Java's in double), which
            // can move a float32 result across one rounding boundary.
            double[] n1 = Tensor.normal(new Generator(7), 1, 2, dtype, Device.CPU, 17, 3).toDoubleArray();
            double[] n2 = Tensor.normal(new Generator(7), 1, 2, dtype, GPU, 17, 3).to(Device.CPU).toDoubleArray();
            for (int i = 0; i < n1.length; i++) {
                double ulp = dtype == DType.FLOAT32 ? Math.ulp((float) n1[i]) : 8 * Math.ulp(n1[i]);
                assertTrue(Math.abs(n1[i] - n2[i]) <= ulp, "normal " + dtype + " [" + i + "]: " + n1[i] + " vs " + n2[i]);
            }
        }
        assertArrayEquals(Tensor.randint(new Generator(3), -1000, 1000, Device.CPU, 500).toLongArray(),
                Tensor.randint(new Generator(3), -1000, 1000, GPU, 500).to(Device.CPU).toLongArray(), "randint");
    }

    @Test
    void gatherIndexSelectAndScatterAdd() {
        for (DType dtype : FLOATS) {
            Tensor x = randn(8, dtype, 4, 6, 3);
            Tensor idx = Tensor.ofIndices(new int[] {3, 0, 2, 2, 1}, 5).to(Device.CPU);
            assertClose(x.indexSelect(1, idx), x.to(GPU).indexSelect(1, idx.to(GPU)), "indexSelect " + dtype);
            assertClose(x.t().indexSelect(0, idx.narrow(0, 0, 3)), x.to(GPU).t().indexSelect(0, idx.narrow(0, 0, 3).to(GPU)),
                    "indexSelect of a transpose " + dtype);
            Tensor general = Tensor.randint(new Generator(9), 0, 6, Device.CPU, 4, 2, 3);
            assertClose(x.gather(1, general), x.to(GPU).gather(1, general.to(GPU)), "general gather " + dtype);
            Tensor src = randn(10, dtype, 4, 5, 3);
            Tensor expanded = idx.reshape(1, 5, 1).expand(4, 5, 3);
            assertClose(Tensor.zeros(dtype, Device.CPU, 4, 6, 3).scatterAdd(1, expanded, src),
                    Tensor.zeros(dtype, GPU, 4, 6, 3).scatterAdd(1, expanded.to(GPU), src.to(GPU)), "scatterAdd " + dtype);
            assertClose(Tensor.zeros(dtype, Device.CPU, 4, 6, 3).scatterAdd(1, general, randn(11, dtype, 4, 2, 3)),
                    Tensor.zeros(dtype, GPU, 4, 6, 3).scatterAdd(1, general.to(GPU), randn(11, dtype, 4, 2, 3).to(GPU)),
                    "general scatterAdd " + dtype);
        }
        // int64 gathers copy exactly, beyond 2^53 too
        Tensor big = randn(12, DType.FLOAT64, 4, 6, 3).mul(1e18).to(DType.INT64);
        Tensor general = Tensor.randint(new Generator(13), 0, 6, Device.CPU, 4, 2, 3);
        assertArrayEquals(big.gather(1, general).toLongArray(), big.to(GPU).gather(1, general.to(GPU)).toLongArray(),
                "general int64 gather");
        // int64 scatter-adds, with repeated indices, both through the strided kernel
        Tensor counts = Tensor.randint(new Generator(14), -50, 50, Device.CPU, 4, 6, 3);
        Tensor added = Tensor.randint(new Generator(15), -1000, 1000, Device.CPU, 4, 5, 3);
        Tensor rows = Tensor.ofIndices(new int[] {3, 0, 2, 2, 1}, 5).to(Device.CPU).reshape(1, 5, 1).expand(4, 5, 3);
        assertArrayEquals(counts.scatterAdd(1, rows, added).toLongArray(),
                counts.to(GPU).scatterAdd(1, rows.to(GPU), added.to(GPU)).toLongArray(), "int64 scatterAdd");
    }

    @Test
    void matmulPlainTransposedBatchedAndBroadcast() {
        for (DType dtype : FLOATS) {
            Tensor a = randn(12, dtype, 33, 17);
            Tensor b = randn(13, dtype, 17, 65);
            compareBinary("matmul", a, b, Tensor::matmul);
            compareBinary("matmul of transposes", b.t(), a.t(), Tensor::matmul);
            Tensor batched = randn(14, dtype, 3, 2, 33, 17);
            compareBinary("batched broadcast matmul", batched, b, Tensor::matmul);
            compareBinary("permuted batch matmul", batched.permute(1, 0, 2, 3), randn(15, dtype, 2, 3, 17, 5), Tensor::matmul);
            compareBinary("vector-matrix", randn(16, dtype, 17), b, Tensor::matmul);
            compareBinary("strided columns", randn(17, dtype, 33, 34).narrow(1, 0, 17), b, Tensor::matmul);
        }
    }

    @Test
    void convolutionAndBothGradientsMatchTheCpu() {
        List<ConvGeometry> geometries = List.of(ConvGeometry.of(1, 1, 1, 1), new ConvGeometry(2, 1, 0, 2, 2, 1, 1),
                ConvGeometry.of(1, 1, 1, 2));
        for (DType dtype : FLOATS) {
            for (ConvGeometry geo : geometries) {
                Tensor x = randn(30, dtype, 2, 4, 9, 11);
                Tensor w = randn(31, dtype, 6, 4 / geo.groups(), 3, 3);
                String what = " " + dtype + " " + geo;
                Tensor out = ConvOps.conv2d(x, w, null, geo);
                assertSumsClose(out, ConvOps.conv2d(x.to(GPU), w.to(GPU), null, geo), "conv2d" + what);
                Tensor gradOut = randn(32, dtype, out.shape().toArray());
                assertSumsClose(ConvOps.conv2dBackwardData(gradOut, w, geo, x.shape().toArray()),
                        ConvOps.conv2dBackwardData(gradOut.to(GPU), w.to(GPU), geo, x.shape().toArray()), "backward data" + what);
                assertSumsClose(ConvOps.conv2dBackwardFilter(x, gradOut, geo, w.shape().toArray()),
                        ConvOps.conv2dBackwardFilter(x.to(GPU), gradOut.to(GPU), geo, w.shape().toArray()),
                        "backward filter" + what);
            }
            Tensor wide = randn(33, dtype, 2, 4, 11, 9).transpose(2, 3);
            Tensor w = randn(34, dtype, 3, 4, 2, 2);
            assertSumsClose(ConvOps.conv2d(wide, w, null, ConvGeometry.unit()),
                    ConvOps.conv2d(wide.to(GPU), w.to(GPU), null, ConvGeometry.unit()), "conv2d of a transposed input " + dtype);
        }
    }

    /** The im2col/col2im kernels directly, then the column-lowered convolution a GPU without cuDNN runs. */
    @Test
    void columnLoweringWithoutCudnnMatchesTheCpu() {
        Backend gpu = Backends.get(GPU);
        Im2ColKernel kernels = (Im2ColKernel) gpu;
        WindowIm2Col cpuLowering = new WindowIm2Col(Backends.get(Device.CPU));
        ConvKernel lowered = new ReferenceConv(gpu);
        for (DType dtype : FLOATS) {
            for (ConvGeometry geo : List.of(ConvGeometry.of(1, 1, 1, 1), new ConvGeometry(2, 1, 0, 2, 2, 1, 1),
                    ConvGeometry.of(1, 1, 1, 2))) {
                String what = " " + dtype + " " + geo;
                Tensor x = randn(50, dtype, 2, 4, 9, 11);
                Tensor w = randn(51, dtype, 6, 4 / geo.groups(), 3, 3);
                int[] columns = ColumnLayout.of("test", x.shape().toArray(), geo, 3, 3).columnShape();
                Tensor cols = Tensor.zeros(dtype, Device.CPU, columns);
                cpuLowering.im2col(x.strided(), geo, 3, 3, cols.strided());
                Tensor gpuCols = Tensor.zeros(dtype, GPU, columns);
                kernels.im2col(x.to(GPU).strided(), geo, 3, 3, gpuCols.strided());
                assertArrayEquals(cols.toDoubleArray(), gpuCols.toDoubleArray(), "im2col" + what);
                Tensor c = randn(52, dtype, columns);
                Tensor folded = Tensor.zeros(dtype, Device.CPU, x.shape().toArray());
                cpuLowering.col2im(c.strided(), geo, 3, 3, folded.strided());
                Tensor gpuFolded = Tensor.full(7, dtype, GPU, x.shape().toArray());
                kernels.col2im(c.to(GPU).strided(), geo, 3, 3, gpuFolded.strided());
                assertClose(folded, gpuFolded, 1e-6, "col2im" + what);

                Tensor out = ConvOps.conv2d(x, w, null, geo);
                Tensor gpuOut = Tensor.zeros(dtype, GPU, out.shape().toArray());
                lowered.conv2d(x.to(GPU).strided(), w.to(GPU).strided(), geo, gpuOut.strided());
                assertSumsClose(out, gpuOut, "lowered conv2d" + what);
                Tensor gradOut = randn(53, dtype, out.shape().toArray());
                Tensor gradInput = Tensor.zeros(dtype, GPU, x.shape().toArray());
                lowered.conv2dBackwardData(gradOut.to(GPU).strided(), w.to(GPU).strided(), geo, gradInput.strided());
                assertSumsClose(ConvOps.conv2dBackwardData(gradOut, w, geo, x.shape().toArray()), gradInput,
                        "lowered backward data" + what);
                Tensor gradWeight = Tensor.zeros(dtype, GPU, w.shape().toArray());
                lowered.conv2dBackwardFilter(x.to(GPU).strided(), gradOut.to(GPU).strided(), geo, gradWeight.strided());
                assertSumsClose(ConvOps.conv2dBackwardFilter(x, gradOut, geo, w.shape().toArray()), gradWeight,
                        "lowered backward filter" + what);
            }
            Tensor wide = randn(54, dtype, 2, 4, 11, 9);
            int[] columns = ColumnLayout.of("test", new int[] {2, 4, 9, 11}, ConvGeometry.unit(), 2, 2).columnShape();
            Tensor cols = Tensor.zeros(dtype, Device.CPU, columns);
            cpuLowering.im2col(wide.transpose(2, 3).strided(), ConvGeometry.unit(), 2, 2, cols.strided());
            Tensor gpuCols = Tensor.zeros(dtype, GPU, columns);
            kernels.im2col(wide.to(GPU).transpose(2, 3).strided(), ConvGeometry.unit(), 2, 2, gpuCols.strided());
            assertArrayEquals(cols.toDoubleArray(), gpuCols.toDoubleArray(), "im2col of a transposed input " + dtype);
        }
    }

    @Test
    void softmaxKernelsAndTheirGradientsMatchTheCpu() {
        for (DType dtype : FLOATS) {
            for (int[] shape : List.of(new int[] {37, 300}, new int[] {5, 4100}, new int[] {3, 1})) {
                Tensor x = randn(40, dtype, shape).mul(4);
                Tensor seed = randn(41, dtype, shape);
                for (int dim = 0; dim < 2; dim++) {
                    for (boolean log : new boolean[] {false, true}) {
                        String what = (log ? "logSoftmax" : "softmax") + " dim " + dim + " of " + x.shape() + " " + dtype;
                        Tensor[] cpu = softmaxAndGradient(x, seed, dim, log);
                        Tensor[] gpu = softmaxAndGradient(x.to(GPU), seed.to(GPU), dim, log);
                        assertSumsClose(cpu[0], gpu[0], what);
                        assertSumsClose(cpu[1], gpu[1], what + " gradient");
                    }
                }
            }
        }
    }

    @Test
    void poolingAndItsGradientsMatchTheCpu() {
        for (DType dtype : FLOATS) {
            for (PoolGeometry geo : List.of(PoolGeometry.of(2, 2, 0), new PoolGeometry(3, 2, 2, 1, 1, 1),
                    new PoolGeometry(3, 2, 2, 2, 1, 1, 1, 1, true), new PoolGeometry(3, 2, 2, 1, 1, 1, 2, 3, true))) {
                Tensor x = randn(44, dtype, 2, 3, 9, 8);
                String what = dtype + " " + geo;
                Tensor[] cpu = poolsAndGradients(x, geo);
                Tensor[] gpu = poolsAndGradients(x.to(GPU), geo);
                for (int i = 0; i < cpu.length; i++) {
                    assertClose(cpu[i], gpu[i], "pooling output " + i + " " + what);
                }
            }
            Tensor wide = randn(45, dtype, 2, 3, 8, 9).transpose(2, 3);
            assertClose(PoolOps.maxPool2d(wide, PoolGeometry.of(2, 2, 0)),
                    PoolOps.maxPool2d(wide.to(GPU), PoolGeometry.of(2, 2, 0)), "max pooling of a transposed input " + dtype);
        }
    }

    /**
     * Max and average (both divisor rules; max only for dilated windows) pooling outputs and their input gradients
     * for a fixed seed gradient.
     */
    private static Tensor[] poolsAndGradients(Tensor x, PoolGeometry geo) {
        List<Tensor> results = new ArrayList<>();
        for (int kind = 0; kind < 3; kind++) {
            Tensor leaf = x.detach().requiresGrad(true);
            if (kind > 0 && geo.dilated()) {
                break; // average pooling has no dilation
            }
            Tensor y = kind == 0 ? PoolOps.maxPool2d(leaf, geo) : PoolOps.avgPool2d(leaf, geo, kind == 1);
            y.backward(randn(46, x.dtype(), y.shape().toArray()).to(x.device()));
            results.add(y.detach());
            results.add(leaf.grad());
        }
        return results.toArray(new Tensor[0]);
    }

    @Test
    void fusedAdamAndAdamWStepsMatchTheCpu() {
        for (DType dtype : FLOATS) {
            for (boolean decoupled : new boolean[] {false, true}) {
                assertClose(adamSteps(dtype, decoupled, Device.CPU), adamSteps(dtype, decoupled, GPU),
                        (decoupled ? "AdamW " : "Adam ") + dtype + " after three steps");
            }
        }
    }

    /** The parameter after three steps with fixed gradients (the moments shape every step after the first). */
    private static Tensor adamSteps(DType dtype, boolean decoupled, Device device) {
        // a fresh draw per call: to(cpu) of a CPU tensor is the tensor itself, and the step updates it in place
        Parameter p = Parameter.of(randn(47, dtype, 33, 7).to(device));
        Adam adam = decoupled ? new AdamW(List.of(p), AdamW.options(0.01)) : new Adam(List.of(p), Adam.options(0.01));
        for (int step = 0; step < 3; step++) {
            p.get().setGrad(randn(48 + step, dtype, 33, 7).to(device));
            adam.step();
        }
        return p.get();
    }

    @Test
    void layerNormWithAndWithoutAffineAndItsGradientsMatchTheCpu() {
        for (DType dtype : FLOATS) {
            for (int[] shape : List.of(new int[] {64, 128}, new int[] {3, 5000}, new int[] {7, 1}, new int[] {300, 70})) {
                Tensor x = randn(42, dtype, shape).mul(3).add(1);
                Tensor seed = randn(43, dtype, shape);
                for (boolean affine : new boolean[] {false, true}) {
                    Tensor w = affine ? randn(44, dtype, shape[1]) : null;
                    Tensor b = affine ? randn(45, dtype, shape[1]) : null;
                    Tensor[] cpu = layerNormAndGradients(x, w, b, seed);
                    Tensor[] gpu = layerNormAndGradients(x.to(GPU), affine ? w.to(GPU) : null, affine ? b.to(GPU) : null,
                            seed.to(GPU));
                    String what = "layerNorm of " + x.shape() + " " + dtype + (affine ? " with weight and bias" : "");
                    assertSumsClose(cpu[0], gpu[0], what);
                    assertSumsClose(cpu[1], gpu[1], what + ": input gradient");
                    if (affine) {
                        assertSumsClose(cpu[2], gpu[2], what + ": weight gradient");
                        assertSumsClose(cpu[3], gpu[3], what + ": bias gradient");
                    }
                }
            }
        }
    }

    @Test
    void fusedLstmCellKernelMatchesTheCpu() {
        for (DType dtype : FLOATS) {
            for (int[] size : List.of(new int[] {3, 5}, new int[] {32, 256})) {
                int batch = size[0];
                int hidden = size[1];
                // wide gate values saturate the sigmoids and tanh on both sides
                Tensor gates = randn(50, dtype, batch, 4 * hidden).mul(4);
                Tensor c = randn(51, dtype, batch, hidden);
                Tensor gradHc = randn(52, dtype, batch, 2 * hidden);
                Tensor[] cpu = lstmCell(gates, c, gradHc);
                Tensor[] gpu = lstmCell(gates.to(GPU), c.to(GPU), gradHc.to(GPU));
                String what = "LSTM cell " + batch + "x" + hidden + " " + dtype;
                assertClose(cpu[0], gpu[0], what + " [h | c']");
                assertClose(cpu[1], gpu[1], what + " gate gradients");
                assertClose(cpu[2], gpu[2], what + " cell-state gradient");
            }
        }
    }

    @Test
    void fusedGruCellKernelMatchesTheCpu() {
        for (DType dtype : FLOATS) {
            for (int[] size : List.of(new int[] {3, 5}, new int[] {32, 256})) {
                int batch = size[0];
                int hidden = size[1];
                Tensor x = randn(53, dtype, batch, 3 * hidden).mul(3);
                Tensor p = randn(54, dtype, batch, 3 * hidden).mul(3);
                Tensor h = randn(55, dtype, batch, hidden);
                Tensor grad = randn(56, dtype, batch, hidden);
                Tensor[] cpu = gruCell(x, p, h, grad);
                Tensor[] gpu = gruCell(x.to(GPU), p.to(GPU), h.to(GPU), grad.to(GPU));
                String what = "GRU cell " + batch + "x" + hidden + " " + dtype;
                for (int i = 0; i < cpu.length; i++) {
                    assertClose(cpu[i], gpu[i], what + " output " + i);
                }
            }
        }
    }

    /** The backend's fused GRU step and its gradients: {@code [h', gradX, gradP, gradH]}. */
    private static Tensor[] gruCell(Tensor x, Tensor p, Tensor h, Tensor grad) {
        GruCellKernel kernel = x.backend().fastPath(GruCellKernel.class).orElseThrow();
        Tensor[] out = {Tensor.zerosLike(h), Tensor.zerosLike(x), Tensor.zerosLike(p), Tensor.zerosLike(h)};
        kernel.gruCellForward(x.strided(), p.strided(), h.strided(), out[0].strided());
        kernel.gruCellBackward(x.strided(), p.strided(), h.strided(), grad.strided(), out[1].strided(), out[2].strided(),
                out[3].strided());
        return out;
    }

    /** The backend's fused cell forward and backward: {@code [hc, gradGates, gradC]}. */
    private static Tensor[] lstmCell(Tensor gates, Tensor c, Tensor gradHc) {
        LstmCellKernel kernel = gates.backend().fastPath(LstmCellKernel.class).orElseThrow();
        int batch = c.size(0);
        int hidden = c.size(1);
        Tensor hc = Tensor.zeros(c.dtype(), c.device(), batch, 2 * hidden);
        Tensor gradGates = Tensor.zeros(c.dtype(), c.device(), batch, 4 * hidden);
        Tensor gradC = Tensor.zeros(c.dtype(), c.device(), batch, hidden);
        kernel.lstmCellForward(gates.strided(), c.strided(), hc.strided());
        kernel.lstmCellBackward(gates.strided(), c.strided(), hc.strided(), gradHc.strided(), gradGates.strided(),
                gradC.strided());
        return new Tensor[] {hc, gradGates, gradC};
    }

    private static final List<RecurrentCell> LAYER_CELLS = List.of(RecurrentCell.LSTM, RecurrentCell.GRU,
            RecurrentCell.RNN_TANH);
    /** Sequence lengths of a batch of 3 over T = 5: one full, one of a single step, one in between. */
    private static final List<int[]> LENGTHS = Arrays.asList(null, new int[] {5, 1, 3});

    /** Runs {@code body} with cuDNN's recurrent layers switched on or off, restoring the switch after. */
    private static void withCudnnRnn(boolean on, Runnable body) {
        String property = "nabla.cuda.cudnnRnn";
        String before = System.getProperty(property);
        System.setProperty(property, Boolean.toString(on));
        try {
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }

    /** Core's step-by-step recurrence on CUDA kernels, then (where cuDNN is found) cuDNN's, against the CPU. */
    @Test
    void recurrentLayersAndAllTheirGradientsMatchTheCpu() {
        withCudnnRnn(false, CudaVsCpuTest::recurrentLayersMatchTheCpu);
        withCudnnRnn(true, CudaVsCpuTest::recurrentLayersMatchTheCpu);
    }

    private static void recurrentLayersMatchTheCpu() {
        for (DType dtype : FLOATS) {
            for (RecurrentCell cell : LAYER_CELLS) {
                for (boolean bidirectional : new boolean[] {false, true}) {
                    for (int[] lengths : LENGTHS) {
                        RecurrentOptions options = RecurrentOptions.of(4, 6).withLayers(2).withBidirectional(bidirectional);
                        int states = 2 * options.directions();
                        Tensor x = randn(60, dtype, 5, 3, 4);
                        Tensor h0 = randn(61, dtype, states, 3, 6).mul(0.5);
                        Tensor c0 = cell.hasCellState() ? randn(62, dtype, states, 3, 6).mul(0.5) : null;
                        RecurrentLayer cpuLayer = recurrentLayer(cell, options, dtype);
                        RecurrentLayer gpuLayer = recurrentLayer(cell, options, dtype);
                        gpuLayer.to(GPU);
                        gpuLayer.loadStateDict(cpuLayer.stateDict(), true);
                        String what = "2-layer " + cell + (bidirectional ? " bidirectional " : " ") + dtype + " lengths "
                                + Arrays.toString(lengths) + " cudnnRnn=" + System.getProperty("nabla.cuda.cudnnRnn");
                        List<Tensor> cpu = layerAndGradients(cpuLayer, x, h0, c0, lengths);
                        List<Tensor> gpu = layerAndGradients(gpuLayer, x.to(GPU), h0.to(GPU),
                                c0 == null ? null : c0.to(GPU), lengths);
                        for (int i = 0; i < cpu.size(); i++) {
                            assertSumsClose(cpu.get(i), gpu.get(i), what + " result " + i);
                        }
                    }
                }
            }
        }
    }

    /** The CUDA backend's whole-layer kernel (cuDNN's RNN API) against the CPU layer, one layer, with and without bias. */
    @Test
    void cudnnRecurrenceKernelMatchesTheCpuLayer() {
        withCudnnRnn(true, CudaVsCpuTest::cudnnKernelMatchesTheCpuLayer);
    }

    private static void cudnnKernelMatchesTheCpuLayer() {
        CudaBackend cuda = (CudaBackend) Tensor.zeros(DType.FLOAT32, GPU, 1).backend();
        RecurrenceKernel kernel = cuda.fastPath(RecurrenceKernel.class).orElseThrow();
        Assumptions.assumeTrue(kernel.supportsRecurrence(new RecurrenceProblem(RecurrentCell.LSTM, DType.FLOAT32, 1, 1,
                1, 1, 1, true, null)), "no cuDNN RNN API: " + cuda.libraries().rnn().describe());
        for (DType dtype : FLOATS) {
            for (RecurrentCell cell : LAYER_CELLS) {
                for (int directions = 1; directions <= 2; directions++) {
                    for (boolean bias : new boolean[] {true, false}) {
                        for (int[] lengths : LENGTHS) {
                            RecurrenceProblem problem = new RecurrenceProblem(cell, dtype, 5, 3, 4, 6, directions, bias,
                                    lengths);
                            RecurrentLayer layer = recurrentLayer(cell,
                                    RecurrentOptions.of(4, 6).withBidirectional(directions == 2).withBias(bias), dtype);
                            Tensor x = randn(63, dtype, 5, 3, 4);
                            Tensor h0 = randn(64, dtype, directions, 3, 6).mul(0.5);
                            Tensor c0 = cell.hasCellState() ? randn(65, dtype, directions, 3, 6).mul(0.5) : null;
                            List<Tensor> cpu = layerAndGradients(layer, x, h0, c0, lengths);
                            List<Tensor> gpu = recurrenceKernel(problem, x.to(GPU), h0.to(GPU),
                                    c0 == null ? null : c0.to(GPU), layer.parameters().stream().map(p -> p.get().to(GPU))
                                            .toList());
                            for (int i = 0; i < cpu.size(); i++) {
                                assertSumsClose(cpu.get(i), gpu.get(i), "cuDNN " + problem + " result " + i);
                            }
                        }
                    }
                }
            }
        }
    }

    private static RecurrentLayer recurrentLayer(RecurrentCell cell, RecurrentOptions options, DType dtype) {
        RecurrentLayer layer = switch (cell) {
            case LSTM -> new LSTM(options);
            case GRU -> new GRU(options);
            case RNN_TANH -> new RNN(options, false);
            case RNN_RELU -> new RNN(options, true);
        };
        layer.to(Device.CPU).to(dtype);
        return layer;
    }

    /** Fixed gradients of the outputs y, hy and cy: normal draws of their shapes (none for a null cy). */
    private static Tensor[] outputSeeds(Tensor y, Tensor hy, Tensor cy) {
        Tensor[] seeds = {y, hy, cy};
        for (int i = 0; i < seeds.length; i++) {
            Tensor out = seeds[i];
            seeds[i] = out == null ? null : randn(66 + i, out.dtype(), out.shape().toArray()).to(out.device());
        }
        return seeds;
    }

    /**
     * {@code [y, hy, (cy,) dx, dh0, (dc0,) every parameter's gradient]} of a layer whose outputs are seeded with
     * {@link #outputSeeds}.
     */
    private static List<Tensor> layerAndGradients(RecurrentLayer layer, Tensor x, Tensor h0, Tensor c0, int[] lengths) {
        Tensor[] leaves = {x.detach().requiresGrad(true), h0.detach().requiresGrad(true),
                c0 == null ? null : c0.detach().requiresGrad(true)};
        RecurrentOutput out = layer.run(leaves[0], leaves[1], leaves[2],
                lengths == null ? null : Tensor.ofIndices(lengths, lengths.length).to(x.device()));
        Tensor[] outputs = {out.output(), out.hidden(), out.cell()};
        Tensor[] seeds = outputSeeds(outputs[0], outputs[1], outputs[2]);
        Tensor loss = outputs[0].mul(seeds[0]).sum().add(outputs[1].mul(seeds[1]).sum());
        if (c0 != null) {
            loss = loss.add(outputs[2].mul(seeds[2]).sum());
        }
        loss.backward();
        List<Tensor> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            if (outputs[i] != null) {
                results.add(outputs[i].detach());
            }
        }
        for (Tensor leaf : leaves) {
            if (leaf != null) {
                results.add(leaf.grad());
            }
        }
        layer.parameters().forEach(p -> results.add(p.get().grad()));
        return results;
    }

    /**
     * The same list as {@link #layerAndGradients} from the backend's recurrence kernel called directly; the
     * gradient outputs start at 7 to show that the backward overwrites them.
     */
    private static List<Tensor> recurrenceKernel(RecurrenceProblem p, Tensor x, Tensor h0, Tensor c0, List<Tensor> weights) {
        RecurrenceKernel kernel = x.backend().fastPath(RecurrenceKernel.class).orElseThrow();
        Tensor y = Tensor.zeros(x.dtype(), x.device(), p.steps(), p.batch(), p.directions() * p.hiddenSize());
        Tensor hy = Tensor.zerosLike(h0);
        Tensor cy = c0 == null ? null : Tensor.zerosLike(c0);
        RecurrenceOperands operands = new RecurrenceOperands(x.strided(), h0.strided(), strided(c0),
                weights.stream().map(Tensor::strided).toList(), y.strided(), hy.strided(), strided(cy));
        Object saved = kernel.recurrenceForward(p, operands, true);
        Tensor[] seeds = outputSeeds(y, hy, cy);
        List<Tensor> grads = new ArrayList<>();
        for (Tensor input : new Tensor[] {x, h0, c0}) {
            grads.add(input == null ? null : Tensor.zerosLike(input).fillInPlace(7));
        }
        List<Tensor> dWeights = weights.stream().map(w -> Tensor.zerosLike(w).fillInPlace(7)).toList();
        kernel.recurrenceBackward(p, saved, operands, new RecurrenceGradients(seeds[0].strided(), seeds[1].strided(),
                strided(seeds[2]), grads.get(0).strided(), grads.get(1).strided(), strided(grads.get(2)),
                dWeights.stream().map(Tensor::strided).toList()));
        List<Tensor> results = new ArrayList<>();
        for (Tensor t : new Tensor[] {y, hy, cy, grads.get(0), grads.get(1), grads.get(2)}) {
            if (t != null) {
                results.add(t);
            }
        }
        results.addAll(dWeights);
        return results;
    }

    private static Strided strided(Tensor t) {
        return t == null ? null : t.strided();
    }

    @Test
    void fusedBiasActivationAndItsGradientsMatchTheCpu() {
        for (FusedActivation act : FusedActivation.values()) {
            for (int[] shape : List.of(new int[] {64, 300}, new int[] {8, 16, 12, 12})) {
                Tensor x = randn(60, DType.FLOAT32, shape).mul(2);
                Tensor bias = randn(61, DType.FLOAT32, shape[1]);
                Tensor seed = randn(62, DType.FLOAT32, shape);
                Tensor[] cpu = biasActivationAndGradients(x, bias, seed, act);
                Tensor[] gpu = biasActivationAndGradients(x.to(GPU), bias.to(GPU), seed.to(GPU), act);
                String what = act + " bias activation of " + x.shape();
                assertClose(cpu[0], gpu[0], what);
                assertClose(cpu[1], gpu[1], what + ", input gradient");
                assertSumsClose(cpu[2], gpu[2], what + ", bias gradient");
            }
        }
    }

    private static Tensor[] biasActivationAndGradients(Tensor x, Tensor bias, Tensor seed, FusedActivation act) {
        Tensor leaf = x.detach().requiresGrad(true);
        Tensor b = bias.detach().requiresGrad(true);
        Tensor y = Functional.biasActivation(leaf, b, 1, act);
        assertTrue(y.gradFn().op().equals("biasActivation"), "the fused path ran on " + x.device());
        y.backward(seed);
        return new Tensor[] {y.detach(), leaf.grad(), b.grad()};
    }

    /** {y, dx, dweight, dbias} through one layer-norm op (the weight and bias gradients null without them). */
    private static Tensor[] layerNormAndGradients(Tensor x, Tensor weight, Tensor bias, Tensor seed) {
        Tensor leaf = x.detach().requiresGrad(true);
        Tensor w = weight == null ? null : weight.detach().requiresGrad(true);
        Tensor b = bias == null ? null : bias.detach().requiresGrad(true);
        Tensor y = Functional.layerNorm(leaf, new int[] {x.size(1)}, w, b, 1e-5);
        assertTrue(y.gradFn().op().equals("layerNorm"), "the fused path ran on " + x.device());
        y.backward(seed);
        return new Tensor[] {y.detach(), leaf.grad(), w == null ? null : w.grad(), b == null ? null : b.grad()};
    }

    private static Tensor[] softmaxAndGradient(Tensor x, Tensor seed, int dim, boolean log) {
        Tensor leaf = x.detach().requiresGrad(true);
        Tensor y = log ? Functional.logSoftmax(leaf, dim) : Functional.softmax(leaf, dim);
        y.backward(seed);
        return new Tensor[] {y.detach(), leaf.grad()};
    }

    /** Convolutions and softmax rows sum up to thousands of terms: float32 rounding differs by more than one operation's. */
    private static void assertSumsClose(Tensor cpu, Tensor cuda, String what) {
        assertClose(cpu, cuda, 1e-4, what);
    }

    @Test
    void attentionKernelMatchesTheCpuKernel() {
        for (boolean causal : new boolean[] {false, true}) {
            for (int[] lens : List.of(new int[] {37, 37}, new int[] {5, 70}, new int[] {70, 5})) {
                Tensor q = randn(20, DType.FLOAT32, 3, lens[0], 64);
                Tensor k = randn(21, DType.FLOAT32, 3, lens[1], 64);
                Tensor v = randn(22, DType.FLOAT32, 3, lens[1], 64);
                Tensor[] cpu = attention(q, k, v, causal);
                Tensor[] gpu = attention(q.to(GPU), k.to(GPU), v.to(GPU), causal);
                assertClose(cpu[0], gpu[0], "attention out causal=" + causal);
                assertClose(cpu[1], gpu[1], "attention logsumexp causal=" + causal);
            }
        }
    }

    @Test
    void attentionBackwardKernelsMatchTheCpuGradients() {
        List<int[]> sizes = List.of(new int[] {37, 37, 64}, new int[] {5, 70, 40}, new int[] {100, 100, 128},
                new int[] {9, 60, 16}, new int[] {20, 9, 16});
        for (boolean causal : new boolean[] {false, true}) {
            for (boolean padded : new boolean[] {false, true}) {
                for (int[] size : sizes) {
                    Tensor q = randn(30, DType.FLOAT32, 3, size[0], size[2]);
                    Tensor k = randn(31, DType.FLOAT32, 3, size[1], size[2]);
                    Tensor v = randn(32, DType.FLOAT32, 3, size[1], size[2]);
                    Tensor seed = randn(33, DType.FLOAT32, 3, size[0], size[2]);
                    // key padding: batch b keeps its first Lk - 4b keys
                    Tensor keep = padded ? Tensor.arange(size[1]).reshape(1, 1, size[1])
                            .lt(Tensor.arange(3).mul(-4).add(size[1]).reshape(3, 1, 1)).to(DType.FLOAT32) : null;
                    String what = "attention causal=" + causal + " padded=" + padded + " " + java.util.Arrays.toString(size);
                    Tensor[] cpu = attentionGradients(q, k, v, keep, seed, causal);
                    Tensor[] gpu = attentionGradients(q.to(GPU), k.to(GPU), v.to(GPU), keep == null ? null : keep.to(GPU),
                            seed.to(GPU), causal);
                    assertClose(cpu[0], gpu[0], what + " out");
                    for (int i = 1; i < 4; i++) {
                        assertSumsClose(cpu[i], gpu[i], what + " d" + "qkv".charAt(i - 1));
                    }
                }
            }
        }
        Tensor q = randn(34, DType.FLOAT32, 2, 8, 32).to(GPU);
        assertTrue(backwardKernelRuns(q, q, q, q, true), "the backward kernels accept an unmasked float32 call");
    }

    @Test
    void attentionOutsideTheKernelLimitsIsComposedOnTheGpu() {
        // float64; a head dimension above 128; unequal head dimensions for q/k and v
        int[][] cases = {{32, 32, 64}, {160, 160, 64}, {32, 16, 64}};
        DType[] dtypes = {DType.FLOAT64, DType.FLOAT32, DType.FLOAT32};
        for (int c = 0; c < cases.length; c++) {
            int d = cases[c][0];
            int dv = cases[c][1];
            Tensor q = randn(40, dtypes[c], 2, 9, d);
            Tensor k = randn(41, dtypes[c], 2, 11, d);
            Tensor v = randn(42, dtypes[c], 2, 11, dv);
            Tensor seed = randn(43, dtypes[c], 2, 9, dv);
            Tensor keep = Tensor.arange(11).reshape(1, 1, 11).lt(Tensor.arange(2).mul(-3).add(11).reshape(2, 1, 1))
                    .to(dtypes[c]).to(Device.CPU);
            AttentionKernel kernel = Backends.get(GPU).fastPath(AttentionKernel.class).orElseThrow();
            Tensor gq = q.to(GPU);
            assertFalse(kernel.attentionForward(gq.strided(), k.to(GPU).strided(), v.to(GPU).strided(), null, false,
                    0.5, Tensor.zeros(dtypes[c], GPU, 2, 9, dv).strided(), Tensor.zeros(dtypes[c], GPU, 2, 9).strided()),
                    "the kernel declines " + dtypes[c] + " d=" + d + " dv=" + dv);
            String what = "composed attention " + dtypes[c] + " d=" + d + " dv=" + dv;
            Tensor[] cpu = attentionGradients(q, k, v, keep, seed, true);
            Tensor[] gpu = attentionGradients(gq, k.to(GPU), v.to(GPU), keep.to(GPU), seed.to(GPU), true);
            assertClose(cpu[0], gpu[0], what + " out");
            for (int i = 1; i < 4; i++) {
                assertSumsClose(cpu[i], gpu[i], what + " d" + "qkv".charAt(i - 1));
            }
        }
    }

    /** Whether the backend's backward kernels accept the call (and write the gradients). */
    private static boolean backwardKernelRuns(Tensor q, Tensor k, Tensor v, Tensor gradOut, boolean causal) {
        Tensor[] forward = attention(q, k, v, causal);
        AttentionBackwardKernel kernel = q.backend().fastPath(AttentionBackwardKernel.class).orElseThrow();
        return kernel.attentionBackward(q.strided(), k.strided(), v.strided(), null, forward[0].strided(),
                forward[1].strided(), gradOut.strided(), causal, 1 / Math.sqrt(q.size(2)),
                Tensor.zerosLike(q).strided(), Tensor.zerosLike(k).strided(), Tensor.zerosLike(v).strided());
    }

    /** {@code [out, dq, dk, dv]} of attention with an optional keep-mask. */
    private static Tensor[] attentionGradients(Tensor q, Tensor k, Tensor v, Tensor keep, Tensor seed, boolean causal) {
        Tensor[] leaves = {q.detach().requiresGrad(true), k.detach().requiresGrad(true), v.detach().requiresGrad(true)};
        Tensor out = Attention.scaledDotProduct(leaves[0], leaves[1], leaves[2], keep, causal);
        out.backward(seed);
        return new Tensor[] {out.detach(), leaves[0].grad(), leaves[1].grad(), leaves[2].grad()};
    }

    private static Tensor[] attention(Tensor q, Tensor k, Tensor v, boolean causal) {
        Tensor out = Tensor.zeros(q.dtype(), q.device(), q.size(0), q.size(1), v.size(2));
        Tensor lse = Tensor.zeros(q.dtype(), q.device(), q.size(0), q.size(1));
        AttentionKernel kernel = q.backend().fastPath(AttentionKernel.class).orElseThrow();
        assertTrue(kernel.attentionForward(q.strided(), k.strided(), v.strided(), null, causal, 1 / Math.sqrt(q.size(2)),
                out.strided(), lse.strided()), "the kernel serves " + q.dtype() + " " + q.shape());
        return new Tensor[] {out, lse};
    }
}
