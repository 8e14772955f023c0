package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** View ops: values, strides, and that they share storage with their base. */
class ViewTest {

    /** [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]] as FLOAT64. */
    private static Tensor grid() {
        return Tensor.arange(0, 12, 1, DType.FLOAT64, Device.best()).reshape(3, 4);
    }

    /** Asserts that {@code view} is a view: writing through it changes the base. */
    private static void assertSharesStorage(Tensor base, UnaryOperator<Tensor> viewOp) {
        Tensor view = viewOp.apply(base);
        double before = base.sum().item();
        view.fillInPlace(100);
        assertTrue(base.sum().item() != before, "writing through the view must be visible in the base");
    }

    @Test
    void reshapeAndViewKeepRowMajorOrder() {
        Tensor t = grid();
        Tensor r = t.reshape(2, -1);
        assertEquals(Shape.of(2, 6), r.shape());
        assertArrayEquals(t.toDoubleArray(), r.toDoubleArray());
        assertEquals(Shape.of(2, 2, 3), t.view(2, 2, 3).shape());
        assertEquals(Shape.of(12), t.flatten().shape());
        assertSharesStorage(grid(), x -> x.view(6, 2));
        assertSharesStorage(grid(), x -> x.reshape(4, 3));
    }

    @Test
    void viewOfTransposeFailsButReshapeCopies() {
        Tensor tt = grid().t();
        var e = assertThrows(IllegalArgumentException.class, () -> tt.view(12));
        assertEquals("view: a tensor of shape [4, 3] with strides [1, 4] cannot be viewed as [12] without a copy "
                + "(use reshape)", e.getMessage());
        Tensor r = tt.reshape(12);
        assertArrayEquals(new double[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, r.toDoubleArray());
        r.fillInPlace(-1);
        assertEquals(66, tt.sum().item(), "the reshape of a transpose is a copy");
        // splitting a transposed dimension is still a view
        assertEquals(Shape.of(2, 2, 3), tt.view(2, 2, 3).shape());
        assertArrayEquals(tt.toDoubleArray(), tt.view(2, 2, 3).toDoubleArray());
    }

    @Test
    void permuteAndTransposeSwapStrides() {
        Tensor x = Tensor.arange(0, 24, 1, DType.FLOAT64, Device.best()).reshape(2, 3, 4);
        Tensor p = x.permute(2, 0, 1);
        assertEquals(Shape.of(4, 2, 3), p.shape());
        assertArrayEquals(new int[] {1, 12, 4}, p.strides());
        assertFalse(p.isContiguous());
        // p[i][j][k] = x[j][k][i]
        assertEquals(x.select(0, 1).select(0, 2).select(0, 3).item(), p.select(0, 3).select(0, 1).select(0, 2).item());
        assertArrayEquals(x.permute(0, 2, 1).toDoubleArray(), x.transpose(1, 2).toDoubleArray());
        assertArrayEquals(x.transpose(-1, 0).toDoubleArray(), x.permute(2, 1, 0).toDoubleArray());
        assertSharesStorage(grid(), Tensor::t);
        assertThrows(IllegalArgumentException.class, () -> x.permute(0, 0, 1));
    }

    @Test
    void narrowAndStepSlices() {
        Tensor t = grid();
        assertArrayEquals(new double[] {4, 5, 6, 7, 8, 9, 10, 11}, t.narrow(0, 1, 2).toDoubleArray());
        assertArrayEquals(new double[] {1, 3, 5, 7, 9, 11}, t.slice(1, 1, 4, 2).toDoubleArray());
        assertArrayEquals(new double[] {0, 3, 8, 11}, t.slice(0, 0, 3, 2).slice(1, 0, 4, 3).toDoubleArray());
        assertArrayEquals(new double[] {2, 6, 10}, t.slice(1, -2, -1, 1).toDoubleArray());
        assertArrayEquals(new double[] {8, 9, 10, 11}, t.narrow(0, -1, 1).toDoubleArray());
        assertEquals(Shape.of(3, 0), t.slice(1, 4, 4, 1).shape());
        assertEquals(Shape.of(2, 4), t.slice(0, 1, 100, 1).shape(), "slice clamps its end like Python");
        Tensor strided = grid();
        strided.slice(1, 1, 4, 2).fillInPlace(0);
        assertArrayEquals(new double[] {0, 0, 2, 0, 4, 0, 6, 0, 8, 0, 10, 0}, strided.toDoubleArray());
    }

    @Test
    void narrowPastTheEndIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> grid().narrow(0, 2, 2));
        assertEquals("narrow: start 2, length 2 is out of range for dimension 0 of size 3 (shape [3, 4])", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> grid().narrow(1, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> grid().narrow(1, -5, 1));
    }

    @Test
    void selectDropsTheDimension() {
        Tensor t = grid();
        assertArrayEquals(new double[] {4, 5, 6, 7}, t.select(0, 1).toDoubleArray());
        assertArrayEquals(new double[] {3, 7, 11}, t.select(1, -1).toDoubleArray());
        assertEquals(Shape.of(4), t.select(0, 0).shape());
        assertSharesStorage(grid(), x -> x.select(1, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> t.select(0, 3));
        assertEquals("select: index 3 is out of range for dimension 0 of size 3 (shape [3, 4])", e.getMessage());
    }

    @Test
    void expandBroadcastsWithZeroStrides() {
        Tensor col = Tensor.of(new double[] {1, 2, 3}, 3, 1);
        Tensor e = col.expand(2, 3, 4);
        assertEquals(Shape.of(2, 3, 4), e.shape());
        assertArrayEquals(new int[] {0, 1, 0}, e.strides());
        assertEquals(2 * 4 * 6, e.sum().item());
        assertEquals(Shape.of(3, 5), col.expand(-1, 5).shape());
        assertEquals(Shape.of(3, 4), col.expandAs(Tensor.zeros(3, 4)).shape());
        var err = assertThrows(IllegalArgumentException.class, () -> col.expand(2, 4));
        assertEquals("expand: cannot expand shape [3, 1] to [2, 4] (dimension 0: 3 vs 2)", err.getMessage());
        assertThrows(IllegalArgumentException.class, () -> col.expand(3, -2));
        assertThrows(IllegalArgumentException.class, () -> col.expand(4));
        Tensor base = Tensor.of(new double[] {1, 2, 3}, 3, 1);
        base.expand(3, 4).select(1, 2).fillInPlace(9);
        assertArrayEquals(new double[] {9, 9, 9}, base.toDoubleArray());
    }

    @Test
    void squeezeUnsqueezeFlatten() {
        Tensor x = Tensor.zeros(1, 3, 1, 2);
        assertEquals(Shape.of(3, 2), x.squeeze().shape());
        assertEquals(Shape.of(3, 1, 2), x.squeeze(0).shape());
        assertEquals(Shape.of(1, 3, 1, 2), x.squeeze(1).shape(), "squeezing a non-1 dimension changes nothing");
        assertEquals(Shape.of(3, 1), Tensor.zeros(3).unsqueeze(-1).shape());
        assertEquals(Shape.of(1, 3), Tensor.zeros(3).unsqueeze(0).shape());
        assertEquals(Shape.of(2, 3, 1, 4), Tensor.zeros(2, 3, 4).unsqueeze(2).shape());
        assertEquals(Shape.of(2, 12), Tensor.zeros(2, 3, 4).flatten(1, 2).shape());
        assertEquals(Shape.of(6, 4), Tensor.zeros(2, 3, 4).flatten(0, -2).shape());
        assertEquals(Shape.of(1), Tensor.scalar(1).flatten(0, 0).shape());
        assertSharesStorage(grid(), x2 -> x2.unsqueeze(1).squeeze());
        assertSharesStorage(grid(), x2 -> x2.reshape(3, 2, 2).flatten(1, 2));
    }

    @Test
    void contiguousCopiesOnlyWhenNeeded() {
        Tensor t = grid();
        assertSame(t, t.contiguous());
        Tensor c = t.t().contiguous();
        assertTrue(c.isContiguous());
        assertArrayEquals(new int[] {3, 1}, c.strides());
        assertArrayEquals(t.t().toDoubleArray(), c.toDoubleArray());
        c.fillInPlace(0);
        assertEquals(66, t.sum().item());
    }

    @Test
    void opsReadStridedOperandsCorrectly() {
        // each op consumes a transposed, stepped and offset view; compare with the same op on a dense copy
        Tensor base = Tensor.arange(0, 30, 1, DType.FLOAT64, Device.best()).reshape(5, 6);
        Tensor view = base.t().slice(0, 1, 6, 2).narrow(1, 1, 3);
        Tensor dense = Tensor.of(view.toDoubleArray(), 3, 3);
        assertArrayEquals(new double[] {7, 13, 19, 9, 15, 21, 11, 17, 23}, dense.toDoubleArray());
        assertArrayEquals(dense.exp().toDoubleArray(), view.exp().toDoubleArray());
        assertArrayEquals(dense.mul(dense.t()).toDoubleArray(), view.mul(view.t()).toDoubleArray());
        assertArrayEquals(dense.sum(0).toDoubleArray(), view.sum(0).toDoubleArray());
        assertArrayEquals(dense.matmul(dense).toDoubleArray(), view.matmul(view).toDoubleArray());
    }
}
