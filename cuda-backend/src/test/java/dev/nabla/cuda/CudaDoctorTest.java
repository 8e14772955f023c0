package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CudaDoctorTest {

    @Test
    void reportsTheMissingDriverOnThisMachine() {
        CudaProbe.Result result = CudaProbe.system().run();
        Assumptions.assumeFalse(result.driverLibrary().found(), "this machine has an NVIDIA driver");
        List<String> lines = CudaDoctor.report(result);
        String text = String.join("\n", lines);
        assertTrue(lines.get(0).startsWith("CUDA backend: unusable - no NVIDIA driver: libcuda.so.1 not found"), text);
        assertTrue(text.contains("driver library: libcuda.so.1 unavailable (UnsatisfiedLinkError"), text);
        assertTrue(text.contains("devices: none"), text);
        assertTrue(text.contains("GEMM: "), text);
        assertTrue(text.contains("conv: "), text);
        assertTrue(text.contains("RNN: "), text);
    }

    @Test
    void listsDevicesAndTheLibraryDecisions() {
        CudaProbe.Result result = new CudaProbe(new FakeInstallation().with(CudaProbe.DRIVER_LIBRARY),
                () -> FakeDriver.withDevices(CudaProbeTest.H100), () -> { }).run();
        List<String> lines = CudaDoctor.report(result);
        assertEquals(List.of(
                "CUDA backend: usable - 1 CUDA device (NVIDIA H100 80GB HBM3), driver CUDA 13.0; GEMM: PTX GEMM "
                        + "fallback, conv: im2col + GEMM, RNN: cell-by-cell RNN",
                "  driver library: libcuda.so.1 at /usr/local/cuda/lib64/libcuda.so.1",
                "  driver version: CUDA 13.0",
                "  device cuda:0 NVIDIA H100 80GB HBM3, 79.19 GiB, compute capability 9.0",
                "  " + result.libraries().gemm().describe(),
                "  " + result.libraries().conv().describe(),
                "  " + result.libraries().rnn().describe()), lines);
    }
}
