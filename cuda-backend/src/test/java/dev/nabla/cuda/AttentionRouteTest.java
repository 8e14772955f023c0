package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttentionRouteTest {

    @Test
    void unmaskedFloat32WithOneHeadDimensionRunsOnTheKernel() {
        assertEquals(Optional.empty(), AttentionRoute.whyNotPtx(DType.FLOAT32, false, false, 5, 9, 64, 64));
        assertEquals(Optional.empty(), AttentionRoute.whyNotPtx(DType.FLOAT32, false, true, 9, 9, 128, 128));
    }

    @Test
    void contractMismatchesGoToTheHostWithTheirReason() {
        assertTrue(AttentionRoute.whyNotPtx(DType.FLOAT64, false, false, 4, 4, 8, 8).orElseThrow().contains("float32"));
        assertTrue(AttentionRoute.whyNotPtx(DType.FLOAT32, true, false, 4, 4, 8, 8).orElseThrow().contains("keep-mask"));
        assertTrue(AttentionRoute.whyNotPtx(DType.FLOAT32, false, false, 4, 4, 8, 16).orElseThrow().contains("8 and 16"));
        assertTrue(AttentionRoute.whyNotPtx(DType.FLOAT32, false, false, 4, 4, 129, 129).orElseThrow().contains("129"));
        assertTrue(AttentionRoute.whyNotPtx(DType.FLOAT32, false, true, 3, 5, 8, 8).orElseThrow().contains("top-left"));
    }
}
