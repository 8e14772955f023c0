package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Joining, splitting, gathering and scattering against hand-worked values. */
class IndexingTest {

    private static Tensor m(double[] v, int... shape) {
        return Tensor.of(v, shape);
    }

    @Test
    void catJoinsAlongAnyDimension() {
        Tensor a = m(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor b = m(new double[] {5, 6}, 1, 2);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, Tensor.cat(0, a, b).toDoubleArray());
        Tensor c = m(new double[] {7, 8}, 2, 1);
        Tensor joined = Tensor.cat(-1, a, c);
        assertEquals(Shape.of(2, 3), joined.shape());
        assertArrayEquals(new double[] {1, 2, 7, 3, 4, 8}, joined.toDoubleArray());
        assertArrayEquals(new double[] {1, 3, 2, 4, 5, 6}, Tensor.cat(0, a.t(), b).toDoubleArray(), "strided input");
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.cat(0, a, c));
        assertEquals("cat: shapes [2, 2] and [2, 1] differ in dimension 1 (only dimension 0 may differ)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.cat(0));
        assertThrows(IllegalArgumentException.class, () -> Tensor.cat(2, a, a));
    }

    @Test
    void stackAddsADimension() {
        Tensor a = m(new double[] {1, 2}, 2);
        Tensor b = m(new double[] {3, 4}, 2);
        assertEquals(Shape.of(2, 2), Tensor.stack(0, a, b).shape());
        assertArrayEquals(new double[] {1, 2, 3, 4}, Tensor.stack(0, a, b).toDoubleArray());
        assertArrayEquals(new double[] {1, 3, 2, 4}, Tensor.stack(1, a, b).toDoubleArray());
        assertArrayEquals(new double[] {1, 3, 2, 4}, Tensor.stack(-1, a, b).toDoubleArray());
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.stack(0, a, m(new double[] {1}, 1)));
        assertEquals("stack: all tensors need the same shape, got [2] and [1]", e.getMessage());
    }

    @Test
    void splitAndChunkAreViews() {
        Tensor t = Tensor.arange(0, 10, 1, DType.FLOAT64, Device.best());
        List<Tensor> parts = t.split(4, 0);
        assertEquals(3, parts.size());
        assertArrayEquals(new double[] {8, 9}, parts.get(2).toDoubleArray());
        List<Tensor> chunks = t.reshape(2, 5).chunk(3, 1);
        assertEquals(3, chunks.size());
        assertEquals(Shape.of(2, 2), chunks.get(0).shape());
        assertEquals(Shape.of(2, 1), chunks.get(2).shape());
        assertArrayEquals(new double[] {4, 9}, chunks.get(2).toDoubleArray());
        parts.get(1).fillInPlace(-1);
        assertEquals(45 - (4 + 5 + 6 + 7) - 4, t.sum().item());
        assertThrows(IllegalArgumentException.class, () -> t.split(0, 0));
        assertThrows(IllegalArgumentException.class, () -> t.chunk(0, 0));
    }

    @Test
    void gatherPicksAlongADimension() {
        Tensor x = m(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor idx = Tensor.of(new long[] {2, 0, 1, 1}, 2, 2);
        assertArrayEquals(new double[] {3, 1, 5, 5}, x.gather(1, idx).toDoubleArray());
        Tensor rows = Tensor.of(new long[] {1, 0, 1}, 1, 3);
        assertArrayEquals(new double[] {4, 2, 6}, x.gather(0, rows).toDoubleArray());
        assertArrayEquals(new double[] {3, 2, 6, 5}, x.t().gather(0, Tensor.of(new long[] {2, 1, 2, 1}, 2, 2).t())
                .t().toDoubleArray(), "strided x and index");
    }

    @Test
    void gatherCopiesInt64ValuesExactly() {
        long big = (1L << 62) + 1;  // not a double
        Tensor x = Tensor.of(new long[] {big, -big, 3, Long.MIN_VALUE}, 2, 2).to(Device.best());
        Tensor picked = x.gather(1, Tensor.of(new long[] {1, 0, 0, 0}, 2, 2).to(Device.best()));
        assertArrayEquals(new long[] {-big, big, 3, 3}, picked.toLongArray());
    }

    @Test
    void scatterAddAccumulatesDuplicates() {
        Tensor base = Tensor.zeros(DType.FLOAT64, Device.best(), 2, 3);
        Tensor idx = Tensor.of(new long[] {0, 2, 0, 1, 1, 1}, 2, 3);
        Tensor src = m(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor out = base.scatterAdd(1, idx, src);
        assertArrayEquals(new double[] {4, 0, 2, 0, 15, 0}, out.toDoubleArray());
        assertArrayEquals(new double[6], base.toDoubleArray(), "scatterAdd returns a copy");
        Tensor col = Tensor.ones(DType.FLOAT64, Device.best(), 3, 2).scatterAdd(0, Tensor.of(new long[] {2, 2}, 1, 2),
                m(new double[] {10, 20}, 1, 2));
        assertArrayEquals(new double[] {1, 1, 1, 1, 11, 21}, col.toDoubleArray());
    }

    @Test
    void indexSelectAndOneHot() {
        Tensor x = m(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        assertArrayEquals(new double[] {5, 6, 1, 2, 5, 6}, x.indexSelect(0, Tensor.of(new long[] {2, 0, 2})).toDoubleArray());
        assertArrayEquals(new double[] {2, 4, 6}, x.indexSelect(1, Tensor.of(new long[] {1})).toDoubleArray());
        Tensor oh = Tensor.ofIndices(new int[] {2, 0, 1, 2}, 2, 2).oneHot(3);
        assertEquals(Shape.of(2, 2, 3), oh.shape());
        assertEquals(DType.FLOAT32, oh.dtype());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1}, oh.toFloatArray());
    }

    @Test
    void outOfRangeIndicesAreRejected() {
        Tensor x = Tensor.zeros(3, 2);
        var g = assertThrows(IllegalArgumentException.class, () -> x.gather(0, Tensor.of(new long[] {0, 3}, 1, 2)));
        assertEquals("gather: index 3 is out of range for dimension 0 of size 3", g.getMessage());
        var neg = assertThrows(IllegalArgumentException.class, () -> x.gather(1, Tensor.of(new long[] {-1, 0}, 1, 2)));
        assertEquals("gather: index -1 is out of range for dimension 1 of size 2", neg.getMessage());
        var sel = assertThrows(IllegalArgumentException.class, () -> x.indexSelect(0, Tensor.of(new long[] {5})));
        assertEquals("indexSelect: index 5 is out of range for dimension 0 of size 3", sel.getMessage());
        var oh = assertThrows(IllegalArgumentException.class, () -> Tensor.ofIndices(new int[] {0, 4}).oneHot(4));
        assertEquals("oneHot: index 4 is out of range for 4 classes", oh.getMessage());
        var dt = assertThrows(IllegalArgumentException.class, () -> x.gather(0, Tensor.zeros(1, 2)));
        assertEquals("gather: index must be int64, got float32 of shape [1, 2]", dt.getMessage());
        var sc = assertThrows(IllegalArgumentException.class,
            () -> x.scatterAdd(0, Tensor.of(new long[] {0, 1}, 1, 2), Tensor.zeros(2, 2)));
        assertEquals("scatterAdd: src shape [2, 2] must equal index shape [1, 2]", sc.getMessage());
        var rank = assertThrows(IllegalArgumentException.class, () -> x.gather(0, Tensor.of(new long[] {0, 1})));
        assertEquals("gather: index of shape [2] must have the rank of the tensor's shape [3, 2]", rank.getMessage());
    }
}
