package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cuda.StagingPlan.Chunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class StagingPlanTest {

    private static final long MIB = 1L << 20;

    @Test
    void onlyTransfersFromTheThresholdOnAreStaged() {
        StagingPlan plan = StagingPlan.DEFAULT;
        assertFalse(plan.staged(0));
        assertFalse(plan.staged(MIB - 1));
        assertTrue(plan.staged(MIB));
    }

    @Test
    void chunksCoverTheTransferAndAlternateHalves() {
        StagingPlan plan = new StagingPlan(MIB, 4 * MIB);
        assertEquals(List.of(new Chunk(0, 4 * MIB, 0), new Chunk(4 * MIB, 4 * MIB, 1), new Chunk(8 * MIB, 2 * MIB, 0)),
                plan.chunks(10 * MIB, 4));
        assertEquals(List.of(new Chunk(0, 4 * MIB, 0)), plan.chunks(4 * MIB, 8));
        assertEquals(List.of(), plan.chunks(0, 4));
    }

    @Test
    void chunksHoldWholeElements() {
        StagingPlan plan = new StagingPlan(0, 20);
        // 8-byte elements: a 20-byte half carries 2 elements (16 bytes).
        assertEquals(List.of(new Chunk(0, 16, 0), new Chunk(16, 16, 1), new Chunk(32, 8, 0)), plan.chunks(40, 8));
    }

    @Test
    void impossibleSplitsAreRejectedWithTheNumbers() {
        StagingPlan plan = new StagingPlan(0, 16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan.chunks(10, 4));
        assertTrue(e.getMessage().contains("10 bytes of 4-byte elements"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> plan.chunks(64, 32));
        assertThrows(IllegalArgumentException.class, () -> plan.chunks(-8, 4));
        assertThrows(IllegalArgumentException.class, () -> new StagingPlan(1, 0));
    }
}
