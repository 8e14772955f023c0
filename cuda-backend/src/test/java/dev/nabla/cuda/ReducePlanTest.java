package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReducePlanTest {

    @Test
    void middleAxisOfContiguousTensorIsReducedInPlace() {
        ReducePlan p = ReducePlan.of(new int[] {2, 3, 4}, new int[] {12, 4, 1}, new int[] {2, 1, 4});
        assertEquals(new ReducePlan(2, 3, 4, null), p);
    }

    @Test
    void lastTwoAxesFormOneBlock() {
        ReducePlan p = ReducePlan.of(new int[] {2, 3, 4}, new int[] {12, 4, 1}, new int[] {2, 1, 1});
        assertEquals(new ReducePlan(2, 12, 1, null), p);
    }

    @Test
    void fullReductionIsOneRow() {
        ReducePlan p = ReducePlan.of(new int[] {5, 6}, new int[] {6, 1}, new int[] {1, 1});
        assertEquals(new ReducePlan(1, 30, 1, null), p);
    }

    @Test
    void extentOneDimensionBetweenReducedOnesDoesNotBreakTheBlock() {
        ReducePlan p = ReducePlan.of(new int[] {3, 1, 4, 2}, new int[] {8, 8, 2, 1}, new int[] {1, 1, 1, 2});
        assertEquals(new ReducePlan(1, 12, 2, null), p);
    }

    @Test
    void separatedAxesArePermutedKeptFirst() {
        // Reduce dims 0 and 2 of [2, 3, 4]: scratch order (1, 0, 2), 3 outputs of 8 elements each.
        ReducePlan p = ReducePlan.of(new int[] {2, 3, 4}, new int[] {12, 4, 1}, new int[] {1, 3, 1});
        assertEquals(new ReducePlan(3, 8, 1, new int[] {1, 0, 2}), p);
        assertArrayEquals(new int[] {3, 2, 4}, p.permute(new int[] {2, 3, 4}));
        assertArrayEquals(new int[] {4, 12, 1}, p.permute(new int[] {12, 4, 1}));
    }

    @Test
    void stridedInputIsCopiedEvenForOneAxis() {
        // x = y.t() for y [3, 2]: shape [2, 3], strides [1, 2]; sum over dim 1.
        ReducePlan p = ReducePlan.of(new int[] {2, 3}, new int[] {1, 2}, new int[] {2, 1});
        assertEquals(new ReducePlan(2, 3, 1, new int[] {0, 1}), p);
    }

    @Test
    void nothingReducedIsACopyThroughTheKernel() {
        ReducePlan p = ReducePlan.of(new int[] {2, 3}, new int[] {3, 1}, new int[] {2, 3});
        assertEquals(new ReducePlan(6, 1, 1, null), p);
    }

    @Test
    void emptyAxisReducesToTheIdentityWithZeroLength() {
        ReducePlan p = ReducePlan.of(new int[] {3, 0}, new int[] {0, 1}, new int[] {3, 1});
        assertEquals(new ReducePlan(3, 0, 1, null), p);
    }

    @Test
    void badOutputShapesAreRejectedWithBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReducePlan.of(new int[] {2, 3}, new int[] {3, 1}, new int[] {2, 2}));
        assertEquals("reduce: output shape [2, 2] neither keeps nor reduces dimension 1 of [2, 3]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReducePlan.of(new int[] {2, 3}, new int[] {3, 1}, new int[] {6}));
    }
}
