package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * INT64 arithmetic is exact in 64-bit two's complement, against hand-worked values: around 2^53, where a double
 * can no longer tell neighbours apart, and at {@code Long.MIN_VALUE}/{@code MAX_VALUE}, where sums and products
 * wrap as PyTorch's int64 does.
 */
class IntegerArithmeticTest {

    private static final Device DEVICE = Device.best();
    private static final long TWO_53 = 1L << 53;

    /** An INT64 vector on the device under test. */
    static Tensor longs(long... values) {
        return Tensor.of(values, values.length).to(DEVICE);
    }

    /** Asserts that {@code t} is INT64 and holds exactly {@code expected}. */
    static void assertLongs(Tensor t, long... expected) {
        assertEquals(DType.INT64, t.dtype());
        assertArrayEquals(expected, t.toLongArray());
    }

    @Test
    void addSubMulAreExactAbove2To53() {
        // through double, 2^53 + 1 rounds to 2^53 and 2^53 + 3 to 2^53 + 4
        assertLongs(longs(TWO_53 + 1, TWO_53 + 3).add(longs(0, 0)), TWO_53 + 1, TWO_53 + 3);
        assertLongs(longs(TWO_53 + 1).add(0), TWO_53 + 1);
        assertLongs(longs(TWO_53).add(1), TWO_53 + 1);
        assertLongs(longs(TWO_53 + 2).sub(longs(1)), TWO_53 + 1);
        assertLongs(longs(TWO_53 + 1).mul(3), 3 * TWO_53 + 3);
        assertLongs(longs(1L << 40).mul(longs((1L << 20) + 1)), (1L << 60) + (1L << 40));
        assertLongs(longs(4052555153018976267L).sub(longs(4052555153018976266L)), 1);
    }

    @Test
    void overflowWrapsAsPyTorchInt64Does() {
        assertLongs(longs(Long.MAX_VALUE).add(1), Long.MIN_VALUE);
        assertLongs(longs(Long.MIN_VALUE).sub(longs(1)), Long.MAX_VALUE);
        assertLongs(longs(1L << 62).mul(4), 0);
        // 3037000500² = 9223372037000250000 = 2^64 − 9223372036709301616
        assertLongs(longs(3037000500L).mul(longs(3037000500L)), -9223372036709301616L);
        assertLongs(longs(Long.MIN_VALUE).neg(), Long.MIN_VALUE);
        assertLongs(longs(Long.MIN_VALUE).abs(), Long.MIN_VALUE);
        assertLongs(longs(Long.MIN_VALUE, 0, Long.MAX_VALUE).sign(), -1, 0, 1);
        assertLongs(longs(-(TWO_53 + 1), TWO_53 + 1).relu(), 0, TWO_53 + 1);
        assertLongs(longs(-(TWO_53 + 1), TWO_53 + 1).neg(), TWO_53 + 1, -(TWO_53 + 1));
        assertLongs(longs(-(TWO_53 + 1)).abs(), TWO_53 + 1);
    }

    @Test
    void powersAreExactAndWrap() {
        // 3^39 = 4052555153018976267 needs 62 bits; 3^40 wraps to 3^40 − 2^64; 2^63 wraps to Long.MIN_VALUE
        assertLongs(longs(3, 3, 2, 2).pow(longs(39, 40, 63, 64)), 4052555153018976267L, -6289078614652622815L,
                Long.MIN_VALUE, 0);
        assertLongs(longs(TWO_53 + 1).pow(1), TWO_53 + 1);
        // negative exponents (PyTorch's rule for tensor exponents): ±1 keep their magnitude, the rest give 0
        assertLongs(longs(1, -1, -1, 2, 0, -7).pow(longs(-5, -3, -2, -1, -1, -2)), 1, -1, 1, 0, 0, 0);
    }

    @Test
    void comparisonsSeeDifferencesBelowDoubleResolution() {
        Tensor big = longs(TWO_53 + 1, TWO_53, TWO_53 + 1);
        Tensor other = longs(TWO_53, TWO_53, TWO_53 + 2);
        assertLongs(big.eq(other), 0, 1, 0);
        assertLongs(big.ne(other), 1, 0, 1);
        assertLongs(big.lt(other), 0, 0, 1);
        assertLongs(big.le(other), 0, 1, 1);
        assertLongs(big.gt(other), 1, 0, 0);
        assertLongs(big.ge(other), 1, 1, 0);
        assertLongs(longs(TWO_53 + 1).eq((double) TWO_53), 0);
        assertLongs(longs(Long.MAX_VALUE).gt(longs(Long.MAX_VALUE - 1)), 1);
        assertLongs(big.maximum(other), TWO_53 + 1, TWO_53, TWO_53 + 2);
        assertLongs(big.minimum(other), TWO_53, TWO_53, TWO_53 + 1);
    }

    @Test
    void whereAndClampKeepEveryBit() {
        Tensor cond = longs(1, 0, 1);
        assertLongs(Tensor.where(cond, longs(TWO_53 + 1, 0, Long.MIN_VALUE + 1), longs(0, TWO_53 + 3, 0)),
                TWO_53 + 1, TWO_53 + 3, Long.MIN_VALUE + 1);
        assertLongs(longs(TWO_53 + 3, -(TWO_53 + 3), 5).clamp(-(double) TWO_53, (double) TWO_53), TWO_53, -TWO_53, 5);
        assertLongs(longs(TWO_53 + 3, TWO_53 + 1).clamp(0, 0x1p60), TWO_53 + 3, TWO_53 + 1);
        // a fractional bound makes the result float, as in PyTorch
        assertEquals(DType.FLOAT32, longs(1, 2, 3).clamp(0.5, 2.5).dtype());
    }

    @Test
    void sumsAreExactAndWrap() {
        // through double, 2^53 + 1 + 1 stays 2^53
        assertLongs(longs(TWO_53, 1, 1).sum().reshape(1), TWO_53 + 2);
        assertLongs(longs(Long.MAX_VALUE, 1).sum().reshape(1), Long.MIN_VALUE);
        assertLongs(longs(Long.MIN_VALUE, -1, 5).sum().reshape(1), Long.MAX_VALUE + 5);
        Tensor m = Tensor.of(new long[] {TWO_53, 1, 7, TWO_53, 3, Long.MAX_VALUE}, 2, 3).to(DEVICE);
        assertLongs(m.sum(1), TWO_53 + 8, TWO_53 + 3 + Long.MAX_VALUE);
        assertLongs(m.sum(0), 2 * TWO_53, 4, 7 + Long.MAX_VALUE);
        assertLongs(m.t().sum(0), TWO_53 + 8, TWO_53 + 3 + Long.MAX_VALUE);
    }

    @Test
    void maxMinAndTheirIndicesAreExact() {
        // through double 2^53 and 2^53 + 1 tie, so the first would win both
        Tensor x = longs(TWO_53, TWO_53 + 1, TWO_53 - 1, TWO_53 + 1);
        assertLongs(x.max().reshape(1), TWO_53 + 1);
        assertLongs(x.min().reshape(1), TWO_53 - 1);
        assertLongs(x.argmax().reshape(1), 1);
        assertLongs(x.argmin().reshape(1), 2);
        Tensor m = Tensor.of(new long[] {TWO_53 + 1, TWO_53, Long.MIN_VALUE, Long.MIN_VALUE + 1}, 2, 2).to(DEVICE);
        assertLongs(m.max(1), TWO_53 + 1, Long.MIN_VALUE + 1);
        assertLongs(m.min(0), Long.MIN_VALUE, Long.MIN_VALUE + 1);
        assertLongs(m.argmin(1, false), 1, 0);
        assertLongs(m.t().argmax(0, false), 0, 1);
    }

    @Test
    void gatherAndScatterAddAreExactAndWrap() {
        Tensor x = longs(TWO_53 + 1, TWO_53 + 3, Long.MIN_VALUE);
        assertLongs(x.gather(0, longs(2, 0, 1, 0)), Long.MIN_VALUE, TWO_53 + 1, TWO_53 + 3, TWO_53 + 1);
        Tensor dst = longs(TWO_53, Long.MAX_VALUE);
        assertLongs(dst.scatterAdd(0, longs(0, 1, 0), longs(1, 1, 1)), TWO_53 + 2, Long.MIN_VALUE);
    }

    @Test
    void castsRoundOnceAsPyTorchDoes() {
        // 2^53 + 2^29 + 1 lies just above the midpoint of float32 neighbours 2^53 and 2^53 + 2^30, so it rounds up;
        // through double it would first become the midpoint 2^53 + 2^29 and then round to even, down to 2^53
        long justAboveMidpoint = TWO_53 + (1L << 29) + 1;
        assertArrayEquals(new float[] {0x1p53f + 0x1p30f, 0x1p53f},
                longs(justAboveMidpoint, TWO_53 + 1).toFloatArray());
        assertArrayEquals(new double[] {0x1p53, 0x1p53 + 4}, longs(TWO_53 + 1, TWO_53 + 3).toDoubleArray());
        assertArrayEquals(new long[] {3, -3, TWO_53}, Tensor.of(new double[] {3.9, -3.9, 0x1p53}).to(DEVICE)
                .toLongArray());
        assertArrayEquals(new long[] {Long.MIN_VALUE, 1L << 62}, Tensor.of(new double[] {-0x1p63, 0x1p62}).to(DEVICE)
                .toLongArray());
    }

    @Test
    void functionsWithoutIntegerMeaningPromoteToFloat32AfterRoundingTheInput() {
        // PyTorch casts 16777217 to float32 first (16777216), then takes the root: exactly 4096
        Tensor root = longs(16777217, 9).sqrt();
        assertEquals(DType.FLOAT32, root.dtype());
        assertArrayEquals(new float[] {4096f, 3f}, root.toFloatArray());
        assertEquals(DType.FLOAT32, longs(1).exp().dtype());
        assertEquals(DType.FLOAT32, longs(1).log().dtype());
        assertEquals(DType.FLOAT32, longs(1).sigmoid().dtype());
        // floor of an integer is the integer itself, as torch.floor keeps int64
        assertLongs(longs(TWO_53 + 1, -3).floor(), TWO_53 + 1, -3);
        assertEquals(DType.FLOAT32, longs(TWO_53 + 1).nonFinite().dtype());
        assertArrayEquals(new float[] {0f, 0f}, longs(Long.MAX_VALUE, Long.MIN_VALUE).nonFinite().toFloatArray());
    }

    @Test
    void mixedIntegerAndFloatOperandsPromote() {
        assertEquals(DType.FLOAT64, longs(3).add(Tensor.of(new double[] {0.5}).to(DEVICE)).dtype());
        assertEquals(DType.FLOAT32, longs(3).mul(Tensor.of(new float[] {0.5f}).to(DEVICE)).dtype());
        assertArrayEquals(new double[] {7.5}, longs(7).add(Tensor.of(new double[] {0.5}).to(DEVICE)).toDoubleArray());
    }
}
