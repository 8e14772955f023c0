package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndexPlanTest {

    @Test
    void indexSelectAlongMiddleAxisUsesTheKernel() {
        // x [2, 5, 3], indexSelect(1, idx[4]) expands idx to [2, 4, 3] with strides (0, 1, 0).
        Optional<IndexPlan> p = IndexPlan.of(new int[] {2, 5, 3}, 1, new int[] {2, 4, 3}, new int[] {0, 1, 0});
        assertEquals(Optional.of(new IndexPlan(2, 5, 4, 3, 1)), p);
        assertEquals(24, p.get().work());
    }

    @Test
    void embeddingLookupIsOuterOne() {
        // weight [vocab 10, dim 6], indices [7] expanded to [7, 6] with strides (2, 0) (every other element of a buffer).
        assertEquals(Optional.of(new IndexPlan(1, 10, 7, 6, 2)),
                IndexPlan.of(new int[] {10, 6}, 0, new int[] {7, 6}, new int[] {2, 0}));
    }

    @Test
    void generalGatherGoesToTheHost() {
        // torch.gather with an index that varies along dim 0 too.
        assertTrue(IndexPlan.of(new int[] {2, 5}, 1, new int[] {2, 3}, new int[] {3, 1}).isEmpty());
        // Smaller extent outside the axis: also a general gather.
        assertTrue(IndexPlan.of(new int[] {4, 5}, 1, new int[] {2, 3}, new int[] {0, 1}).isEmpty());
    }

    @Test
    void repeatedSingleIndexNeedsAPositivePitch() {
        assertTrue(IndexPlan.of(new int[] {5}, 0, new int[] {3}, new int[] {0}).isEmpty());
        assertEquals(Optional.of(new IndexPlan(1, 5, 1, 1, 1)), IndexPlan.of(new int[] {5}, 0, new int[] {1}, new int[] {0}));
    }

    @Test
    void pitchedCopiesNarrowAndWidenIndexWords() {
        assertEquals(new PitchedCopy(16, 4, 4, 7), PitchedCopy.narrow(2, 7));
        assertEquals(new PitchedCopy(4, 8, 4, 5), PitchedCopy.widen(5));
    }
}
