package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.backend.Strided;
import org.junit.jupiter.api.Test;

/** Shape arithmetic, broadcasting, dimension checks and the view-stride solver (no backend needed). */
class ShapeAndStridesTest {

    @Test
    void shapeBasics() {
        Shape s = Shape.of(2, 3, 4);
        assertEquals(3, s.rank());
        assertEquals(24, s.numel());
        assertEquals(4, s.get(-1));
        assertEquals(1, Shape.of().numel());
        assertEquals(0, Shape.of(3, 0).numel());
        assertEquals("[2, 3, 4]", s.toString());
        assertEquals(Shape.of(2, 3, 4), s);
        assertEquals(Shape.of(2, 3, 4).hashCode(), s.hashCode());
        assertNotEquals(Shape.of(2, 3), s);
        int[] dims = {5};
        Shape copy = Shape.of(dims);
        dims[0] = 6;
        assertEquals(5, copy.get(0), "a Shape is immutable");
        assertEquals("Shape: negative dimension in [2, -1]",
                assertThrows(IllegalArgumentException.class, () -> Shape.of(2, -1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Shape.numel(new int[] {1 << 16, 1 << 16}));
    }

    @Test
    void broadcastAlignsFromTheRight() {
        assertArrayEquals(new int[] {2, 3, 4}, Shape.broadcast("op", new int[] {3, 1}, new int[] {2, 1, 4}));
        assertArrayEquals(new int[] {5}, Shape.broadcast("op", new int[] {}, new int[] {5}));
        assertArrayEquals(new int[] {0, 3}, Shape.broadcast("op", new int[] {0, 1}, new int[] {3}));
        assertEquals("mul: shapes [2, 3] and [3, 2] cannot be broadcast (dimension 0: 2 vs 3)",
                assertThrows(IllegalArgumentException.class,
                    () -> Shape.broadcast("mul", new int[] {2, 3}, new int[] {3, 2})).getMessage());
    }

    @Test
    void normalizeDimAcceptsNegativeDims() {
        assertEquals(2, Shape.normalizeDim("op", -1, 3));
        assertEquals(0, Shape.normalizeDim("op", -3, 3));
        assertEquals("sum: dimension 3 is out of range for a tensor of rank 3 (expected -3 .. 2)",
                assertThrows(IllegalArgumentException.class, () -> Shape.normalizeDim("sum", 3, 3)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Shape.normalizeDim("op", -4, 3));
        assertThrows(IllegalArgumentException.class, () -> Shape.normalizeDim("op", 0, 0));
    }

    @Test
    void contiguousStridesAndContiguity() {
        assertArrayEquals(new int[] {12, 4, 1}, Strided.contiguousStrides(new int[] {2, 3, 4}));
        assertArrayEquals(new int[] {3, 3, 1}, Strided.contiguousStrides(new int[] {2, 0, 3}));
        assertArrayEquals(new int[] {}, Strided.contiguousStrides(new int[] {}));
    }

    @Test
    void viewStridesSplitAndMergeContiguousGroups() {
        int[] shape = {2, 3, 4};
        int[] strides = {12, 4, 1};
        assertArrayEquals(new int[] {1}, Views.viewStrides(shape, strides, new int[] {24}));
        assertArrayEquals(new int[] {4, 1}, Views.viewStrides(shape, strides, new int[] {6, 4}));
        assertArrayEquals(new int[] {12, 6, 3, 1}, Views.viewStrides(shape, strides, new int[] {2, 2, 2, 3}));
        assertArrayEquals(new int[] {24, 12, 4, 1, 1}, fillOnes(Views.viewStrides(shape, strides,
                new int[] {1, 2, 3, 4, 1})), "size-1 dims are free");
        // a transpose [4, 3] with strides [1, 4]: splitting a dim is fine, merging is not
        assertArrayEquals(new int[] {2, 1, 4}, Views.viewStrides(new int[] {4, 3}, new int[] {1, 4}, new int[] {2, 2, 3}));
        assertNull(Views.viewStrides(new int[] {4, 3}, new int[] {1, 4}, new int[] {12}));
        // a narrowed row [2, 2] of a [2, 4] matrix: rows are not adjacent
        assertNull(Views.viewStrides(new int[] {2, 2}, new int[] {4, 1}, new int[] {4}));
        assertArrayEquals(new int[] {4, 1}, Views.viewStrides(new int[] {2, 1, 2}, new int[] {4, 7, 1}, new int[] {2, 2}));
        // a broadcast dimension (stride 0) cannot be merged with a real one
        assertNull(Views.viewStrides(new int[] {3, 4}, new int[] {0, 1}, new int[] {12}));
        assertArrayEquals(new int[] {0, 0, 1}, Views.viewStrides(new int[] {4, 5}, new int[] {0, 1}, new int[] {2, 2, 5}));
        assertArrayEquals(new int[] {1, 1}, Views.viewStrides(new int[] {0, 3}, new int[] {3, 1}, new int[] {3, 0}),
                "an empty tensor can take any strides");
    }

    /** Size-1 dimensions may get any stride; normalise them for comparison. */
    private static int[] fillOnes(int[] strides) {
        int[] out = strides.clone();
        out[0] = 24;
        out[4] = 1;
        return out;
    }
}
