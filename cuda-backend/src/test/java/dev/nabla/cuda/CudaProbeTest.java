package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.backend.Probe;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CudaProbeTest {

    static final DeviceInfo H100 = new DeviceInfo(0, "NVIDIA H100 80GB HBM3", 85_029_158_912L, 9, 0);
    private static final String JCUDA_LINK_ERROR = "Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\n"
            + "Stack trace from the attempt to load the library as a resource:\n"
            + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open "
            + "shared object file: No such file or directory\n\tat java.base/jdk.internal.loader.NativeLibraries.load";

    private static CudaProbe.Result probe(FakeInstallation installation, Supplier<DriverInfo> driver) {
        return new CudaProbe(installation, driver, () -> { }).run();
    }

    @Test
    void missingDriverLibraryIsExplainedWithoutTouchingJcuda() {
        AtomicInteger driverTouches = new AtomicInteger();
        CudaProbe.Result r = probe(new FakeInstallation(), () -> {
            driverTouches.incrementAndGet();
            return FakeDriver.withDevices(H100);
        });
        assertEquals(Probe.unusable("no NVIDIA driver: libcuda.so.1 not found (UnsatisfiedLinkError: libcuda.so.1: "
                + "cannot open shared object file: No such file or directory)"), r.probe());
        assertEquals(0, driverTouches.get());
        assertNotNull(r.libraries()); // the doctor still learns what would serve GEMM and conv
    }

    @Test
    void jcudaLinkErrorNamingLibcudaIsTheMissingDriver() {
        CudaProbe.Result r = probe(new FakeInstallation().with(CudaProbe.DRIVER_LIBRARY),
                () -> FakeDriver.failingToLink(new UnsatisfiedLinkError(JCUDA_LINK_ERROR)));
        assertEquals("no NVIDIA driver: libcuda.so.1 not found (UnsatisfiedLinkError: libcuda.so.1: cannot open "
                + "shared object file: No such file or directory)", r.probe().reason());
    }

    @Test
    void laterJcudaTouchesReportTheBindingFailure() {
        CudaProbe.Result r = probe(new FakeInstallation().with(CudaProbe.DRIVER_LIBRARY),
                () -> FakeDriver.failingToLink(new NoClassDefFoundError("Could not initialize class jcuda.driver.JCudaDriver")));
        assertEquals("JCuda driver binding failed to load (NoClassDefFoundError: Could not initialize class "
                + "jcuda.driver.JCudaDriver)", r.probe().reason());
    }

    @Test
    void cuInitErrorIsNamed() {
        CudaProbe.Result r = probe(new FakeInstallation().with(CudaProbe.DRIVER_LIBRARY),
                () -> FakeDriver.failingInit("CUDA_ERROR_NO_DEVICE", 100));
        assertEquals(Probe.unusable("cuInit failed: CUDA_ERROR_NO_DEVICE"), r.probe());
    }

    @Test
    void zeroDevicesIsUnusable() {
        CudaProbe.Result r = probe(new FakeInstallation().with(CudaProbe.DRIVER_LIBRARY), FakeDriver::withDevices);
        assertEquals(Probe.unusable("0 CUDA devices (driver supports CUDA 13.0)"), r.probe());
        assertEquals(13000, r.driverVersion());
    }

    @Test
    void devicesMakeItUsableAndTheReasonNamesWhatServes() {
        DeviceInfo second = new DeviceInfo(1, "NVIDIA H100 80GB HBM3", 85_029_158_912L, 9, 0);
        CudaProbe.Result r = probe(new FakeInstallation().with(CudaProbe.DRIVER_LIBRARY)
                .with(CudaLibraries.CUBLAS_13).with(CudaLibraries.CUDNN_9), () -> FakeDriver.withDevices(H100, second));
        assertTrue(r.probe().usable());
        assertEquals(2, r.probe().deviceCount());
        assertEquals("2 CUDA devices (NVIDIA H100 80GB HBM3, ...), driver CUDA 13.0; GEMM: cuBLAS via JNA, "
                + "conv: cuDNN via JNA, RNN: cell-by-cell RNN", r.probe().reason());
        assertEquals(2, r.devices().size());
    }

    @Test
    void unexpectedFailuresBecomeVerdictsNotExceptions() {
        CudaProbe.Result r = probe(new FakeInstallation().with(CudaProbe.DRIVER_LIBRARY), () -> {
            throw new IllegalStateException("boom");
        });
        assertEquals(Probe.unusable("CUDA probe failed: IllegalStateException: boom"), r.probe());
        NativeLibraryLocator throwing = (name, symbols) -> {
            throw new OutOfMemoryError("native");
        };
        CudaProbe.Result broken = new CudaProbe(throwing, () -> FakeDriver.withDevices(H100), () -> { }).run();
        assertFalse(broken.probe().usable());
        assertTrue(broken.probe().reason().contains("OutOfMemoryError: native"), broken.probe().reason());
    }

    @Test
    void thisMachinesProbeNeverThrowsAndExplains() {
        CudaProbe.Result r = CudaProbe.system().run();
        assertFalse(r.probe().reason().isBlank());
        if (!r.probe().usable()) {
            assertEquals(0, r.probe().deviceCount());
        }
    }
}
