package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CoalescedTest {

    @Test
    void contiguousOperandsMergeIntoOneDenseDimension() {
        Coalesced c = Coalesced.of(new int[] {2, 3, 4}, new int[] {12, 4, 1}, new int[] {12, 4, 1});
        assertArrayEquals(new int[] {24}, c.shape());
        assertArrayEquals(new int[][] {{1}, {1}}, c.strides());
        assertTrue(c.isDense());
    }

    @Test
    void broadcastRowKeepsTwoDimensionsWithZeroStride() {
        // out [2,3,4] contiguous, b is a [4] row expanded over [2,3]: the first two dims merge, the row does not.
        Coalesced c = Coalesced.of(new int[] {2, 3, 4}, new int[] {12, 4, 1}, new int[] {0, 0, 1});
        assertArrayEquals(new int[] {6, 4}, c.shape());
        assertArrayEquals(new int[][] {{4, 1}, {0, 1}}, c.strides());
        assertFalse(c.isDense());
    }

    @Test
    void transposedInputStopsMerging() {
        Coalesced c = Coalesced.of(new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 3});
        assertArrayEquals(new int[] {3, 2}, c.shape());
        assertArrayEquals(new int[][] {{2, 1}, {1, 3}}, c.strides());
    }

    @Test
    void extentOneDimensionsVanishWhateverTheirStride() {
        Coalesced c = Coalesced.of(new int[] {1, 5, 1}, new int[] {99, 1, 7}, new int[] {0, 2, 0});
        assertArrayEquals(new int[] {5}, c.shape());
        assertArrayEquals(new int[][] {{1}, {2}}, c.strides());
        assertFalse(c.isDense());
    }

    @Test
    void singleElementIsRankZeroAndDense() {
        Coalesced c = Coalesced.of(new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0});
        assertEquals(0, c.rank());
        assertEquals(1, c.numel());
        assertTrue(c.isDense());
    }

    @Test
    void rankTenContiguousViewFitsTheKernelsAfterCoalescing() {
        int[] shape = {2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
        int[] strides = dev.nabla.backend.Strided.contiguousStrides(shape);
        Coalesced c = Coalesced.of(shape, strides, strides);
        assertArrayEquals(new int[] {1024}, c.shape());
    }

    @Test
    void sliceWithGapMergesOnlyWhereTheGapAllows() {
        // x[:, :2] of a [3, 4] matrix: strides (4, 1), extents (3, 2): rows are not adjacent.
        Coalesced c = Coalesced.of(new int[] {3, 2}, new int[] {2, 1}, new int[] {4, 1});
        assertArrayEquals(new int[] {3, 2}, c.shape());
        assertEquals(6, c.numel());
    }

    @Test
    void mismatchedStrideRankIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Coalesced.of(new int[] {2, 2}, new int[] {2, 1}, new int[] {1}));
        assertTrue(e.getMessage().contains("[1]"), e.getMessage());
    }
}
