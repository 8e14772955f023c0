package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import java.util.ArrayList;
import java.util.List;
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
    void contractMismatchesAreDeclinedWithTheirReason() {
        assertTrue(AttentionRoute.whyNotPtx(DType.FLOAT64, 4, 4, 8, 8).orElseThrow().contains("float32"));
        assertTrue(AttentionRoute.whyNotPtx(DType.FLOAT32, 4, 4, 8, 16).orElseThrow().contains("8 and 16"));
        assertTrue(AttentionRoute.whyNotPtx(DType.FLOAT32, 4, 4, 129, 129).orElseThrow().contains("129"));
        assertTrue(AttentionRoute.whyNotPtx(DType.FLOAT32, 0, 4, 8, 8).orElseThrow().contains("empty"));
    }

    @Test
    void theForwardDeclinesOutsideTheLimitsBeforeTouchingTheDevice() {
        // no backend: a call that got past the route would fail on it
        List<String> notices = new ArrayList<>();
        CudaAttention attention = new CudaAttention(null, notices::add);
        assertFalse(declines(attention, DType.FLOAT32, 64, 64), "float32, head 64 goes to the kernel (the device)");
        assertTrue(declines(attention, DType.FLOAT64, 32, 32), "float64");
        assertTrue(declines(attention, DType.FLOAT32, 160, 160), "head dimension 160");
        assertTrue(declines(attention, DType.FLOAT32, 32, 16), "unequal head dimensions");
        assertTrue(declines(attention, DType.FLOAT64, 32, 32), "float64 again");
        assertEquals(3, notices.size(), "each reason once: " + notices);
        assertTrue(notices.get(1).contains("160"), notices.toString());
    }

    /**
     * Whether the forward declines [2, 5, d] queries over [2, 7, d] keys and [2, 7, dv] values; a call it accepts
     * reaches for the (absent) device and fails, which counts as not declined.
     */
    private static boolean declines(CudaAttention attention, DType dtype, int d, int dv) {
        Tensor q = Tensor.zeros(dtype, Device.CPU, 2, 5, d);
        Tensor k = Tensor.zeros(dtype, Device.CPU, 2, 7, d);
        Tensor v = Tensor.zeros(dtype, Device.CPU, 2, 7, dv);
        try {
            return !attention.attentionForward(q.strided(), k.strided(), v.strided(), null, false, 0.5,
                    Tensor.zeros(dtype, Device.CPU, 2, 5, dv).strided(), Tensor.zeros(dtype, Device.CPU, 2, 5).strided());
        } catch (NullPointerException accepted) {
            return false;
        }
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
