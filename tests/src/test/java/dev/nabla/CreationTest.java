package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Tensor factories, conversions and copies out, against hand-worked values. */
class CreationTest {

    // the device under test: cuda where a GPU is usable, else the CPU
    private static final Device DEVICE = Device.best();

    @Test
    void zerosOnesFullHaveShapeDtypeAndValue() {
        Tensor z = Tensor.zeros(2, 3);
        assertEquals(Shape.of(2, 3), z.shape());
        assertEquals(DType.FLOAT32, z.dtype());
        assertEquals(DEVICE, z.device());
        assertArrayEquals(new float[6], z.toFloatArray());
        assertArrayEquals(new double[] {1, 1, 1, 1}, Tensor.ones(DType.FLOAT64, DEVICE, 4).toDoubleArray());
        assertArrayEquals(new long[] {7, 7, 7}, Tensor.full(7, DType.INT64, DEVICE, 3).toLongArray());
        assertArrayEquals(new float[] {-2.5f, -2.5f}, Tensor.full(-2.5, 2).toFloatArray());
        Tensor like = Tensor.of(new long[] {1, 2, 3, 4}, 2, 2);
        assertEquals(DType.INT64, Tensor.onesLike(like).dtype());
        assertArrayEquals(new long[] {1, 1, 1, 1}, Tensor.onesLike(like).toLongArray());
        assertArrayEquals(new long[4], Tensor.zerosLike(like).toLongArray());
        assertEquals(0, Tensor.zeros(0, 3).numel());
    }

    @Test
    void scalarsAreZeroDimensional() {
        Tensor s = Tensor.scalar(3.5);
        assertEquals(0, s.rank());
        assertEquals(1, s.numel());
        assertEquals(3.5, s.item());
        assertEquals(-4.0, Tensor.scalar(-4, DType.INT64, DEVICE).item());
    }

    @Test
    void arangeCountsUpAndDown() {
        Tensor a = Tensor.arange(5);
        assertEquals(DType.INT64, a.dtype());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, a.toLongArray());
        assertArrayEquals(new double[] {1, 1.25, 1.5, 1.75}, Tensor.arange(1, 2, 0.25, DType.FLOAT64, DEVICE).toDoubleArray());
        assertArrayEquals(new long[] {5, 3, 1}, Tensor.arange(5, 0, -2, DType.INT64, DEVICE).toLongArray());
        assertEquals(0, Tensor.arange(3, 1, 1, DType.FLOAT32, DEVICE).numel());
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0, 1, 0, DType.FLOAT32, DEVICE));
        assertTrue(e.getMessage().startsWith("arange:"), e.getMessage());
    }

    @Test
    void linspaceIncludesBothEnds() {
        assertArrayEquals(new float[] {0, 0.25f, 0.5f, 0.75f, 1}, Tensor.linspace(0, 1, 5).toFloatArray());
        assertArrayEquals(new double[] {2, -1, -4}, Tensor.linspace(2, -4, 3, DType.FLOAT64, DEVICE).toDoubleArray());
        assertArrayEquals(new double[] {3}, Tensor.linspace(3, 9, 1, DType.FLOAT64, DEVICE).toDoubleArray());
        assertEquals(0, Tensor.linspace(0, 1, 0).numel());
        assertThrows(IllegalArgumentException.class, () -> Tensor.linspace(0, 1, -1));
    }

    @Test
    void eyeIsTheIdentity() {
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Tensor.eye(3).toFloatArray());
        assertEquals(Shape.of(3, 3), Tensor.eye(3).shape());
        assertEquals(DType.INT64, Tensor.eye(2, DType.INT64, DEVICE).dtype());
    }

    @Test
    void randHasUniformStatistics() {
        Tensor u = Tensor.uniform(new Generator(7), 0, 1, DType.FLOAT64, DEVICE, 200_000);
        double[] v = u.toDoubleArray();
        double mean = 0;
        double sq = 0;
        for (double x : v) {
            assertTrue(x >= 0 && x < 1);
            mean += x;
            sq += x * x;
        }
        mean /= v.length;
        double var = sq / v.length - mean * mean;
        // standard error of the mean is sqrt(1/12/200000) ~ 6.5e-4
        assertEquals(0.5, mean, 4e-3);
        assertEquals(1.0 / 12, var, 2e-3);
        double[] ranged = Tensor.uniform(new Generator(8), -3, -1, DType.FLOAT64, DEVICE, 1000).toDoubleArray();
        for (double x : ranged) {
            assertTrue(x >= -3 && x < -1, "uniform value " + x);
        }
        Tensor r = Tensor.rand(4, 5);
        assertEquals(DType.FLOAT32, r.dtype());
        assertEquals(Shape.of(4, 5), r.shape());
    }

    @Test
    void randnHasNormalStatistics() {
        double[] v = Tensor.normal(new Generator(11), 2, 3, DType.FLOAT64, DEVICE, 200_000).toDoubleArray();
        double mean = 0;
        double sq = 0;
        int withinOneSigma = 0;
        for (double x : v) {
            mean += x;
            sq += x * x;
            if (Math.abs(x - 2) < 3) {
                withinOneSigma++;
            }
        }
        mean /= v.length;
        double std = Math.sqrt(sq / v.length - mean * mean);
        assertEquals(2, mean, 0.03);
        assertEquals(3, std, 0.03);
        assertEquals(0.6827, withinOneSigma / (double) v.length, 0.005);
        assertEquals(DType.FLOAT32, Tensor.randn(3).dtype());
    }

    @Test
    void randomDrawsAreDeterminedBySeedAndOffset() {
        double[] a = Tensor.uniform(new Generator(42), 0, 1, DType.FLOAT64, DEVICE, 20).toDoubleArray();
        double[] b = Tensor.uniform(new Generator(42), 0, 1, DType.FLOAT64, DEVICE, 20).toDoubleArray();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, Tensor.uniform(new Generator(43), 0, 1, DType.FLOAT64, DEVICE, 20)
                .toDoubleArray()));
        // two draws of 10 take the same counters as one draw of 20
        Generator g = new Generator(42);
        double[] first = Tensor.uniform(g, 0, 1, DType.FLOAT64, DEVICE, 10).toDoubleArray();
        double[] second = Tensor.uniform(g, 0, 1, DType.FLOAT64, DEVICE, 2, 5).toDoubleArray();
        assertEquals(20, g.offset());
        for (int i = 0; i < 10; i++) {
            assertEquals(a[i], first[i]);
            assertEquals(a[10 + i], second[i]);
        }
        Generator.manualSeed(5);
        float[] r1 = Tensor.randn(8).toFloatArray();
        Generator.manualSeed(5);
        assertArrayEquals(r1, Tensor.randn(8).toFloatArray());
        assertNotEquals(r1[0], Tensor.randn(8).toFloatArray()[0]);
    }

    @Test
    void randintStaysInRangeAndHitsEveryValue() {
        Tensor r = Tensor.randint(new Generator(3), -2, 3, DEVICE, 1000);
        assertEquals(DType.INT64, r.dtype());
        int[] counts = new int[5];
        for (long v : r.toLongArray()) {
            assertTrue(v >= -2 && v < 3, "randint value " + v);
            counts[(int) v + 2]++;
        }
        for (int c : counts) {
            assertTrue(c > 150, "each of 5 values ~200 times, got " + c);
        }
        assertEquals(Shape.of(2, 3), Tensor.randint(0, 10, 2, 3).shape());
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.randint(4, 4, 2));
        assertTrue(e.getMessage().contains("randint"), e.getMessage());
    }

    @Test
    void fromArraysCopiesTheData() {
        float[] data = {1, 2, 3, 4, 5, 6};
        Tensor t = Tensor.of(data, 2, 3);
        data[0] = 100;
        assertEquals(DType.FLOAT32, t.dtype());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, t.toFloatArray());
        assertEquals(Shape.of(3), Tensor.of(new double[] {1, 2, 3}).shape());
        assertEquals(DType.FLOAT64, Tensor.of(new double[] {1, 2, 3}).dtype());
        assertEquals(DType.INT64, Tensor.of(new long[] {1, 2}).dtype());
        assertArrayEquals(new long[] {4, 5, 6}, Tensor.ofIndices(new int[] {4, 5, 6}).toLongArray());
        Tensor m = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(Shape.of(2, 3), m.shape());
        assertEquals(6.0, m.select(0, 1).select(0, 2).item());
        assertEquals(DType.FLOAT64, Tensor.of(new double[][] {{1}, {2}}).dtype());
        var ragged = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[][] {{1, 2}, {3}}));
        assertTrue(ragged.getMessage().contains("row 1"), ragged.getMessage());
        var bad = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[] {1, 2, 3}, 2, 2));
        assertEquals("Tensor.of: 3 values do not fit shape [2, 2] (4 elements)", bad.getMessage());
    }

    @Test
    void toDtypeConvertsAndTruncatesTowardZero() {
        Tensor f = Tensor.of(new float[] {2.7f, -2.7f, 0.5f, 3f});
        Tensor l = f.to(DType.INT64);
        assertEquals(DType.INT64, l.dtype());
        assertArrayEquals(new long[] {2, -2, 0, 3}, l.toLongArray());
        assertArrayEquals(new double[] {2, -2, 0, 3}, l.to(DType.FLOAT64).toDoubleArray());
        assertArrayEquals(new double[] {(float) 0.1}, Tensor.of(new float[] {0.1f}).to(DType.FLOAT64).toDoubleArray());
        assertSame(f, f.to(DType.FLOAT32));
        assertSame(f, f.to(DEVICE));
        assertArrayEquals(new int[] {2, -2, 0, 3}, f.toIntArray());
    }

    @Test
    void copyOutFollowsTheViewNotTheStorage() {
        Tensor m = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, m.t().toDoubleArray());
        assertArrayEquals(new float[] {2, 5}, m.select(1, 1).toFloatArray());
        Tensor c = m.t().copy();
        assertTrue(c.isContiguous());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, c.toDoubleArray());
        c.fillInPlace(0);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, m.toDoubleArray(), "copy() shares nothing");
    }
}
