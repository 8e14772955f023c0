package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.autograd.Autograd;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** In-place ops, and the errors for operands on different devices. */
class InPlaceAndDeviceTest {

    @Test
    void mixingDevicesNamesBothDevices() {
        Tensor cpu = Tensor.zeros(DType.FLOAT32, Device.CPU, 2, 2);
        Tensor gpu = ElsewhereDevice.tensor(DType.FLOAT32, 2, 2);
        assertEquals(Device.cuda(0), gpu.device());
        String expected = ": tensors are on different devices: cpu and cuda:0 (move them with to(device))";
        assertMessage("add" + expected, () -> cpu.add(gpu));
        assertMessage("mul" + expected, () -> cpu.mul(gpu));
        assertMessage("matmul" + expected, () -> cpu.matmul(gpu));
        assertMessage("cat" + expected, () -> Tensor.cat(0, cpu, gpu));
        assertMessage("where" + expected, () -> Tensor.where(cpu, cpu, gpu));
        assertMessage("addInPlace" + expected, () -> cpu.addInPlace(gpu));
        assertMessage("copyFrom" + expected, () -> cpu.copyFrom(gpu));
        assertMessage("gather" + expected, () -> cpu.gather(0, ElsewhereDevice.tensor(DType.INT64, 1, 2)));
        assertMessage("indexSelect" + expected, () -> cpu.indexSelect(0, ElsewhereDevice.tensor(DType.INT64, 1)));
    }

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void inPlaceOpsBroadcastAndBumpTheVersion() {
        Tensor t = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        int v0 = t.version();
        t.addInPlace(Tensor.of(new double[] {10, 20}));
        assertArrayEquals(new double[] {11, 22, 13, 24}, t.toDoubleArray());
        t.subInPlace(Tensor.of(new double[] {1}));
        t.mulInPlace(2);
        t.divInPlace(Tensor.of(new double[] {2, 1}, 2, 1));
        assertArrayEquals(new double[] {10, 21, 24, 46}, t.toDoubleArray());
        assertEquals(v0 + 4, t.version());
        t.copyFrom(Tensor.of(new long[] {7, 8}));
        assertArrayEquals(new double[] {7, 8, 7, 8}, t.toDoubleArray());
        t.t().select(0, 0).fillInPlace(0);
        assertArrayEquals(new double[] {0, 8, 0, 8}, t.toDoubleArray());
        assertEquals(v0 + 6, t.version());
        var e = assertThrows(IllegalArgumentException.class, () -> t.addInPlace(Tensor.zeros(3, 2, 2)));
        assertEquals("addInPlace: a tensor of shape [3, 2, 2] cannot be broadcast into the in-place target of shape [2, 2]",
                e.getMessage());
    }

    @Test
    void inPlaceWritesToExpandedViewsAreRefused() {
        Tensor base = Tensor.of(new double[] {1, 2}, 1, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> base.expand(3, 2).addInPlace(Tensor.ones(3, 2)));
        assertEquals("addInPlace: the target of shape [3, 2] is an expanded view whose elements share memory (stride 0 "
                + "in dimension 0); write to a contiguous() copy", e.getMessage());
        assertArrayEquals(new double[] {1, 2}, base.toDoubleArray());
        base.expand(1, 2).fillInPlace(5);
        assertArrayEquals(new double[] {5, 5}, base.toDoubleArray(), "a size-1 broadcast dimension is harmless");
    }

    @Test
    void inPlaceOnATensorThatRequiresGradNeedsNoGrad() {
        Tensor w = Tensor.ones(DType.FLOAT64, Device.best(), 2).requiresGrad(true);
        Consumer<Tensor> step = x -> x.subInPlace(Tensor.of(new double[] {0.5, 0.25}));
        var e = assertThrows(IllegalStateException.class, () -> step.accept(w));
        assertEquals("subInPlace: a tensor of shape [2] that requires grad cannot be modified in place while grad mode "
                + "is on (use Autograd.noGrad(), or detach() it)", e.getMessage());
        try (var ignored = Autograd.noGradScope()) {
            step.accept(w);
        }
        assertArrayEquals(new double[] {0.5, 0.75}, w.toDoubleArray());
        step.accept(w.detach());
        assertArrayEquals(new double[] {0, 0.5}, w.toDoubleArray(), "detach() shares storage");
    }
}
