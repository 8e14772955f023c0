package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttentionRouteTest {

    @Test
    void float32WithOneHeadDimensionRunsOnTheKernel() {
        assertEquals(Optional.empty(), AttentionRoute.whyNotPtx(DType.FLOAT32, 5, 9, 64, 64));
        assertEquals(Optional.empty(), AttentionRoute.whyNotPtx(DType.FLOAT32, 9, 5, 128, 128));
        assertEquals(Optional.empty(), AttentionRoute.whyNotPtx(DType.FLOAT32, 1, 1, 1, 1));
    }

    @Test
    void contractMismatchesGoToTheHostWithTheirReason() {
        assertTrue(AttentionRoute.whyNotPtx(DType.FLOAT64, 4, 4, 8, 8).orElseThrow().contains("float32"));
        assertTrue(AttentionRoute.whyNotPtx(DType.FLOAT32, 4, 4, 8, 16).orElseThrow().contains("8 and 16"));
        assertTrue(AttentionRoute.whyNotPtx(DType.FLOAT32, 4, 4, 129, 129).orElseThrow().contains("129"));
        assertTrue(AttentionRoute.whyNotPtx(DType.FLOAT32, 0, 4, 8, 8).orElseThrow().contains("empty"));
    }

    @Test
    void backwardKernelsAreOnUnlessSwitchedOffAndShareTheForwardLimits() {
        String before = System.getProperty(AttentionRoute.BACKWARD_PROPERTY);
        try {
            System.clearProperty(AttentionRoute.BACKWARD_PROPERTY);
            assertTrue(AttentionRoute.backwardEnabled(), "on by default");
            System.setProperty(AttentionRoute.BACKWARD_PROPERTY, "false");
            assertFalse(AttentionRoute.backwardEnabled(), "switched off");
        } finally {
            if (before == null) {
                System.clearProperty(AttentionRoute.BACKWARD_PROPERTY);
            } else {
                System.setProperty(AttentionRoute.BACKWARD_PROPERTY, before);
            }
        }
        String off = AttentionRoute.whyNotPtxBackward(false, DType.FLOAT32, 5, 9, 64, 64).orElseThrow();
        assertTrue(off.contains("-D" + AttentionRoute.BACKWARD_PROPERTY + "=false"), off);
        assertEquals(Optional.empty(), AttentionRoute.whyNotPtxBackward(true, DType.FLOAT32, 5, 9, 64, 64));
        assertTrue(AttentionRoute.whyNotPtxBackward(true, DType.FLOAT64, 4, 4, 8, 8).orElseThrow().contains("float32"));
        assertTrue(AttentionRoute.whyNotPtxBackward(true, DType.FLOAT32, 4, 4, 8, 16).orElseThrow().contains("8 and 16"));
    }
}
