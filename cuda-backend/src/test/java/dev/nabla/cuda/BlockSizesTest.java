package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlockSizesTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    void smallRequestsRoundUpTo512ByteGranules() {
        assertEquals(512, BlockSizes.round(0));
        assertEquals(512, BlockSizes.round(1));
        assertEquals(512, BlockSizes.round(512));
        assertEquals(1024, BlockSizes.round(513));
        assertEquals(4096, BlockSizes.round(4000));
        assertEquals(MIB, BlockSizes.round(MIB - 1));
    }

    @Test
    void largeRequestsUseQuarterOctaveClasses() {
        assertEquals(MIB, BlockSizes.round(MIB));
        assertEquals(MIB + MIB / 4, BlockSizes.round(MIB + 1));
        assertEquals(3 * MIB / 2, BlockSizes.round(1_363_149)); // 1.3 MiB
        assertEquals(2 * MIB, BlockSizes.round(2 * MIB - 1));
        assertEquals(3 * GIB, BlockSizes.round(3 * GIB));
        assertEquals(3 * GIB + GIB / 2, BlockSizes.round(3 * GIB + 1));
    }

    @Test
    void largeClassesWasteAtMostAQuarter() {
        for (long bytes = MIB; bytes < 64 * MIB; bytes += 77_777) {
            long bucket = BlockSizes.round(bytes);
            assertTrue(bucket >= bytes && bucket - bytes <= bucket / 4, bytes + " -> " + bucket);
        }
    }

    @Test
    void negativeSizeIsRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlockSizes.round(-3));
        assertTrue(e.getMessage().contains("BlockSizes.round") && e.getMessage().contains("-3"), e.getMessage());
    }
}
