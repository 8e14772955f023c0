package dev.nabla;

import static dev.nabla.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** pad, repeat and tile against hand-worked values, and their input checks. */
class PaddingTilingTest {

    private static final Tensor ROW = Tensor.of(new double[] {1, 2, 3, 4});

    @Test
    void constantPaddingFillsAndNegativePadsCrop() {
        assertArrayEquals(new double[] {9, 1, 2, 3, 4, 9, 9},
                ROW.pad(new int[] {1, 2}, PadMode.CONSTANT, 9).toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {2, 3, 4, 0}, ROW.pad(-1, 1).toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {}, ROW.pad(-2, -2).toDoubleArray(), 0.0);
        Tensor m = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        // last dimension first: (left 1, right 0), then (top 0, bottom 1)
        assertArrayEquals(new double[] {0, 1, 2, 0, 3, 4, 0, 0, 0}, m.pad(1, 0, 0, 1).toDoubleArray(), 0.0);
        Tensor ints = Tensor.of(new long[] {5, 6}).pad(new int[] {1, 0}, PadMode.CONSTANT, -1);
        assertEquals(DType.INT64, ints.dtype());
        assertArrayEquals(new long[] {-1, 5, 6}, ints.toLongArray());
    }

    @Test
    void reflectMirrorsWithoutTheEdgeAndReplicateRepeatsIt() {
        assertArrayEquals(new double[] {3, 2, 1, 2, 3, 4, 3}, ROW.reshape(1, 4).pad(new int[] {2, 1}, PadMode.REFLECT, 0)
                .toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {1, 1, 1, 2, 3, 4, 4}, ROW.reshape(1, 4).pad(new int[] {2, 1}, PadMode.REPLICATE, 0)
                .toDoubleArray(), 0.0);
        Tensor m = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
        // rows padded by (1, 0) reflect, then columns by (0, 1)
        assertArrayEquals(new double[] {4, 5, 6, 5, 1, 2, 3, 2, 4, 5, 6, 5},
                m.pad(new int[] {0, 1, 1, 0}, PadMode.REFLECT, 0).toDoubleArray(), 0.0);
    }

    @Test
    void paddingGradientsAddTheBorderBackOntoItsSources() {
        Tensor x = Tensor.of(new double[] {1, 2, 3}).reshape(1, 3).requiresGrad(true);
        x.pad(new int[] {2, 2}, PadMode.REFLECT, 0).sum().backward();
        // [3 2 | 1 2 3 | 2 1]: element 0 once, 1 three times, 2 three times
        assertArrayEquals(new double[] {2, 3, 2}, x.grad().toDoubleArray(), 0.0);
        Tensor y = Tensor.of(new double[] {1, 2, 3}).reshape(1, 3).requiresGrad(true);
        y.pad(new int[] {2, -1}, PadMode.CONSTANT, 5).sum().backward();
        assertArrayEquals(new double[] {1, 1, 0}, y.grad().toDoubleArray(), 0.0);
    }

    @Test
    void badPadsAreRejected() {
        Tensor x = Tensor.zeros(DType.FLOAT64, Device.CPU, 2, 3);
        assertRejected("pad: needs (before, after) pairs for at most 2", () -> x.pad(1, 2, 3));
        assertRejected("pad: needs (before, after) pairs for at most 2", () -> x.pad(0, 0, 0, 0, 0, 0));
        assertRejected("pad: REFLECT pads 3, 0 need to be smaller than dimension 1 of size 3",
                () -> x.pad(new int[] {3, 0}, PadMode.REFLECT, 0));
        assertRejected("pad: mode REPLICATE cannot crop", () -> x.pad(new int[] {-1, 0}, PadMode.REPLICATE, 0));
        assertRejected("pad: mode REFLECT takes no value", () -> x.pad(new int[] {1, 0}, PadMode.REFLECT, 2));
        assertRejected("pad: pads -2, -2 crop more than the 3 elements of dimension 1", () -> x.pad(-2, -2));
        assertRejected("pad: REPLICATE pads 1, 0 need a non-empty dimension 1",
                () -> Tensor.zeros(DType.FLOAT64, Device.CPU, 2, 0).pad(new int[] {1, 0}, PadMode.REPLICATE, 0));
        assertRejected("pad: value 0.5 is not a whole number, but the tensor is int64",
                () -> Tensor.of(new long[] {1}).pad(new int[] {1, 0}, PadMode.CONSTANT, 0.5));
    }

    @Test
    void repeatLaysCopiesSideBySide() {
        assertArrayEquals(new double[] {1, 2, 3, 4, 1, 2, 3, 4}, ROW.repeat(2).toDoubleArray(), 0.0);
        Tensor m = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        assertArrayEquals(new double[] {1, 2, 1, 2, 3, 4, 3, 4, 1, 2, 1, 2, 3, 4, 3, 4}, m.repeat(2, 2).toDoubleArray(),
                0.0);
        Tensor lead = Tensor.of(new double[] {1, 2}).repeat(3, 1, 2);
        assertEquals(Shape.of(3, 1, 4), lead.shape());
        assertArrayEquals(new double[] {1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2}, lead.toDoubleArray(), 0.0);
        assertEquals(Shape.of(0, 2), m.repeat(0, 1).shape());
    }

    @Test
    void tileRepeatsTrailingDimensionsAndItsGradientSumsTheCopies() {
        Tensor m = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor tiled = m.tile(3);
        assertEquals(Shape.of(2, 6), tiled.shape());
        assertArrayEquals(new double[] {1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4}, tiled.toDoubleArray(), 0.0);
        tiled.sum().backward();
        assertArrayEquals(new double[] {3, 3, 3, 3}, m.grad().toDoubleArray(), 0.0);
        assertEquals(Shape.of(2, 2, 4), Tensor.of(new double[] {1, 2}).tile(2, 2, 2).shape());
    }

    @Test
    void badRepeatCountsAreRejected() {
        Tensor m = Tensor.zeros(DType.FLOAT64, Device.CPU, 2, 2);
        assertRejected("repeat: needs a count for each of the 2 dimensions of shape [2, 2], got [3]", () -> m.repeat(3));
        assertRejected("repeat: counts must be >= 0", () -> m.repeat(1, -1));
        assertRejected("tile: counts must be >= 0", () -> m.tile(-2));
    }
}
