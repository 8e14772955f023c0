package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** toString, allClose and item(). */
class FormatAndCompareTest {

    private static final Device DEVICE = Device.best();

    @Test
    void smallTensorsPrintEveryValueWithMetadata() {
        Tensor m = Tensor.of(new float[][] {{1, 2}, {3, 4.5f}});
        assertEquals("tensor([[1.0000, 2.0000],\n        [3.0000, 4.5000]], shape=[2, 2], dtype=float32, device=" + DEVICE + ")",
                m.toString());
        assertEquals("tensor(3.5000, shape=[], dtype=float32, device=" + DEVICE + ")", Tensor.scalar(3.5).toString());
        assertEquals("tensor([1, -2], shape=[2], dtype=int64, device=" + DEVICE + ")", Tensor.of(new long[] {1, -2}).toString());
        assertEquals("tensor([1.0000e-05, 2.5000e+06, NaN], shape=[3], dtype=float64, device=" + DEVICE + ")",
                Tensor.of(new double[] {1e-5, 2.5e6, Double.NaN}).toString());
        assertEquals("tensor([], shape=[0], dtype=float32, device=" + DEVICE + ")", Tensor.zeros(0).toString());
        Tensor w = Tensor.zeros(DType.FLOAT64, Device.best(), 1).requiresGrad(true);
        assertTrue(w.toString().endsWith("requiresGrad=true)"), w.toString());
        assertTrue(w.mul(2).toString().endsWith("gradFn=mul)"), w.mul(2).toString());
    }

    @Test
    void bigTensorsAreAbbreviated() {
        Tensor big = Tensor.arange(0, 2000, 1, DType.FLOAT32, Device.best());
        assertEquals("tensor([0.0000, 1.0000, 2.0000, ..., 1997.0000, 1998.0000, 1999.0000], shape=[2000], "
                + "dtype=float32, device=" + DEVICE + ")", big.toString());
        String grid = Tensor.zeros(100, 100).toString();
        assertTrue(grid.contains("shape=[100, 100]"));
        assertEquals(7, grid.split("\n").length, "3 rows, the ellipsis row and 3 rows: " + grid);
        assertTrue(grid.length() < 600, "abbreviated: " + grid.length() + " characters");
        assertEquals(1000, Tensor.zeros(1000).toString().split(",").length - 3, "1000 elements are printed in full");
    }

    @Test
    void allCloseUsesRelativeAndAbsoluteTolerance() {
        Tensor a = Tensor.of(new double[] {1, 100, 0});
        assertTrue(a.allClose(Tensor.of(new double[] {1 + 1e-6, 100.0005, 1e-9})));
        assertFalse(a.allClose(Tensor.of(new double[] {1 + 1e-4, 100, 0})));
        assertTrue(a.allClose(Tensor.of(new double[] {1.05, 105, 0.01}), 0.05, 0.01));
        assertFalse(a.allClose(Tensor.of(new double[] {1, 100})), "shape mismatch");
        assertFalse(Tensor.of(new double[] {Double.NaN}).allClose(Tensor.of(new double[] {Double.NaN})));
        assertTrue(Tensor.of(new float[] {1, 2}).allClose(Tensor.of(new long[] {1, 2})), "dtypes may differ");
    }

    @Test
    void itemNeedsExactlyOneElement() {
        assertEquals(2.5, Tensor.of(new double[] {2.5}, 1, 1).item());
        assertEquals(7, Tensor.of(new long[] {7}).item());
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 2).item());
        assertEquals("item: only a one-element tensor has an item, this one has shape [2, 2] (4 elements)", e.getMessage());
    }
}
