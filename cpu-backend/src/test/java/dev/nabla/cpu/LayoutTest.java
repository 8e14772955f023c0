package dev.nabla.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.backend.Strided;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The iteration plan: merging, block offsets, and when work is split across threads. */
class LayoutTest {

    private static Strided view(int[] shape, int[] strides, int offset) {
        return new Strided(CpuStorage.allocate(DType.FLOAT64, 4096), shape, strides, offset);
    }

    @Test
    void contiguousDimensionsMergeIntoOne() {
        Strided a = view(new int[] {2, 3, 4}, new int[] {12, 4, 1}, 0);
        Layout l = Layout.of(a.shape(), a);
        assertEquals(24, l.inner());
        assertEquals(1, l.rows());
        assertEquals(1, l.innerStride(0));
    }

    @Test
    void aTransposedOperandKeepsRows() {
        Strided a = view(new int[] {3, 4}, new int[] {4, 1}, 0);
        Strided t = view(new int[] {3, 4}, new int[] {1, 3}, 5);
        Layout l = Layout.of(a.shape(), a, t);
        assertEquals(4, l.inner());
        assertEquals(3, l.rows());
        assertEquals(3, l.innerStride(1));
        int[] offsets = new int[2];
        l.rowOffsets(2, offsets);
        assertArrayEquals(new int[] {8, 5 + 2}, offsets);
    }

    @Test
    void sizeOneAndBroadcastDimensionsAreHandled() {
        Strided out = view(new int[] {1, 5, 1, 6}, new int[] {30, 6, 6, 1}, 0);
        Strided bcast = view(new int[] {1, 5, 1, 6}, new int[] {0, 0, 0, 1}, 7);
        Layout l = Layout.of(out.shape(), out, bcast);
        assertEquals(6, l.inner());
        assertEquals(5, l.rows());
        int[] offsets = new int[2];
        l.rowOffsets(4, offsets);
        assertArrayEquals(new int[] {24, 7}, offsets);
        Strided scalar = view(new int[] {}, new int[] {}, 3);
        Layout s = Layout.of(scalar.shape(), scalar);
        assertEquals(1, s.inner());
        assertEquals(1, s.rows());
    }

    @Test
    void blocksCoverEveryElementOnceWithRowMajorLinearIndices() {
        int[] shape = {3, 2500};
        Strided a = view(shape, new int[] {1, 3}, 0); // column-major: no merging, long strided rows
        Layout l = Layout.of(shape, a);
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicLong count = new AtomicLong();
        l.forEachBlock((off, n, linear) -> {
            assertTrue(n <= Layout.BLOCK);
            int row = (int) (linear / 2500);
            int col = (int) (linear % 2500);
            assertEquals(row + 3 * col, off[0], "the offset of element (row, col)");
            seen.add(linear);
            count.addAndGet(n);
        });
        assertEquals(7500, count.get());
        assertEquals(9, seen.size(), "3 rows of 3 blocks (1024 + 1024 + 452)");
    }

    @Test
    void tinyWorkRunsOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        Strided small = view(new int[] {8, 8}, new int[] {8, 1}, 0);
        Layout.of(small.shape(), small).forEachBlock((off, n, linear) -> assertSame(caller, Thread.currentThread()));
        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        Parallel.forRange(10, 100, (from, to) -> threads.add(Thread.currentThread()));
        assertEquals(List.of(caller), threads);
    }
}
