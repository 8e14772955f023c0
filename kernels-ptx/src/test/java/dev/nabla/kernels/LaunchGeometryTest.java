package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-worked grid/block arithmetic and input validation. */
class LaunchGeometryTest {

    private static void assertGeometry(int gx, int gy, int gz, int block, LaunchGeometry g) {
        assertEquals(new LaunchGeometry(gx, gy, gz, block, 0), g);
    }

    @Test
    void elementwiseRoundsUpAndCaps() {
        assertGeometry(1, 1, 1, 256, LaunchGeometry.elementwise(1));
        assertGeometry(1, 1, 1, 256, LaunchGeometry.elementwise(256));
        assertGeometry(2, 1, 1, 256, LaunchGeometry.elementwise(257));
        assertGeometry(4, 1, 1, 256, LaunchGeometry.elementwise(1000)); // ceil(1000 / 256) = 4
        assertGeometry(65536, 1, 1, 256, LaunchGeometry.elementwise(Integer.MAX_VALUE)); // grid-stride covers the rest
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.elementwise(0));
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.elementwise(1L << 31));
    }

    @Test
    void reductionPicksWarpPerRowOnlyForInnerOne() {
        assertGeometry(13, 1, 1, 256, LaunchGeometry.reduction(100, 50, 1)); // 100 warps, 8 per block
        assertGeometry(20, 1, 1, 256, LaunchGeometry.reduction(10, 50, 500)); // 5000 outputs, one thread each
        assertGeometry(1, 1, 1, 256, LaunchGeometry.reduction(3, 0, 1)); // empty axis allowed
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LaunchGeometry.reduction(65536, 65536, 2));
        assertTrue(e.getMessage().startsWith("reduction: view [65536, 65536, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.reduction(1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.reduction(0, 5, 1));
    }

    @Test
    void blockPerRowUsesSmallestCoveringPowerOfTwo() {
        assertGeometry(7, 1, 1, 32, LaunchGeometry.blockPerRow(7, 1));
        assertGeometry(7, 1, 1, 32, LaunchGeometry.blockPerRow(7, 32));
        assertGeometry(7, 1, 1, 64, LaunchGeometry.blockPerRow(7, 33));
        assertGeometry(7, 1, 1, 128, LaunchGeometry.blockPerRow(7, 100));
        assertGeometry(65536, 1, 1, 512, LaunchGeometry.blockPerRow(100_000, 10_000));
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.blockPerRow(100_000, 100_000));
    }

    @Test
    void warpPerRowAndColumnSlabs() {
        assertGeometry(2, 1, 1, 256, LaunchGeometry.warpPerRow(9));
        assertGeometry(24, 1, 1, 256, LaunchGeometry.columnSlabs(768));
        assertGeometry(25, 1, 1, 256, LaunchGeometry.columnSlabs(769));
    }

    @Test
    void attentionTilesRowsByEightAndHeadsInY() {
        assertGeometry(16, 24, 1, 256, LaunchGeometry.attentionQueryRows(24, 128, 512, 64));
        assertGeometry(64, 24, 1, 256, LaunchGeometry.attentionKeyRows(24, 128, 512, 64));
        assertGeometry(1, 65535, 1, 256, LaunchGeometry.attentionQueryRows(100_000, 1, 1, 1));
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> LaunchGeometry.attentionQueryRows(1, 8, 8, 129));
        assertTrue(d.getMessage().contains("headDim = 129"), d.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.attentionKeyRows(1, 8, 0, 64));
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.attentionQueryRows(1 << 20, 1 << 20, 8, 64));
    }

    @Test
    void gemmTilesOutputBy64() {
        assertGeometry(2, 1, 1, 256, LaunchGeometry.gemm(64, 65, 1)); // n spans x, m spans y
        assertGeometry(16, 8, 3, 256, LaunchGeometry.gemm(500, 1000, 3));
        assertGeometry(1, 1, 65535, 256, LaunchGeometry.gemm(1, 1, 70_000));
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.gemm(0, 1, 1));
    }

    @Test
    void convOutputSizeFollowsTheClosedForm() {
        assertEquals(32, LaunchGeometry.convOutputSize(32, 3, 1, 1, 1));
        assertEquals(16, LaunchGeometry.convOutputSize(32, 3, 2, 1, 1)); // (32 + 2 - 3) / 2 + 1 = 16
        assertEquals(28, LaunchGeometry.convOutputSize(32, 3, 1, 0, 2)); // span 5: 32 - 5 + 1
        assertEquals(1, LaunchGeometry.convOutputSize(2, 4, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.convOutputSize(2, 5, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.convOutputSize(8, 3, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.convOutputSize(8, 3, 1, -1, 1));
    }

    @Test
    void constructorRejectsHardwareLimits() {
        assertThrows(IllegalArgumentException.class, () -> new LaunchGeometry(1, 65536, 1, 32, 0));
        assertThrows(IllegalArgumentException.class, () -> new LaunchGeometry(1, 1, 1, 1025, 0));
        assertThrows(IllegalArgumentException.class, () -> new LaunchGeometry(0, 1, 1, 32, 0));
        LaunchGeometry g = LaunchGeometry.elementwise(10);
        assertEquals(1, g.blockY());
        assertEquals(1, g.blockZ());
    }
}
