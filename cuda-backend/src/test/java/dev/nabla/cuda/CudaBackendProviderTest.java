package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Device;
import dev.nabla.DeviceType;
import dev.nabla.backend.BackendProvider;
import dev.nabla.backend.Backends;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;

class CudaBackendProviderTest {

    private static final String NO_DRIVER = "no NVIDIA driver: libcuda.so.1 not found (UnsatisfiedLinkError: ";

    private static boolean driverInstalled() {
        return new SystemLibraryLocator().locate(CudaProbe.DRIVER_LIBRARY, java.util.List.of()).found();
    }

    @Test
    void describesItselfAsTheCudaProvider() {
        CudaBackendProvider provider = new CudaBackendProvider();
        assertEquals("cuda", provider.name());
        assertEquals(DeviceType.CUDA, provider.deviceType());
        assertEquals(100, provider.priority());
    }

    @Test
    void isRegisteredWithServiceLoader() {
        boolean found = ServiceLoader.load(BackendProvider.class).stream()
                .anyMatch(p -> p.type() == CudaBackendProvider.class);
        assertTrue(found);
    }

    @Test
    void probesOnceAndCachesTheVerdict() {
        AtomicInteger runs = new AtomicInteger();
        CudaBackendProvider provider = new CudaBackendProvider(() -> {
            runs.incrementAndGet();
            return new CudaProbe(new FakeInstallation(), () -> FakeDriver.withDevices(CudaProbeTest.H100), () -> { });
        }, line -> { });
        provider.probe();
        provider.probe();
        provider.result();
        assertEquals(1, runs.get());
    }

    @Test
    void createOnAnUnusableMachineCarriesTheReason() {
        CudaBackendProvider provider = new CudaBackendProvider(() ->
                new CudaProbe(new FakeInstallation(), FakeDriver::withDevices, () -> { }), line -> { });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> provider.create(0));
        assertTrue(e.getMessage().startsWith("CudaBackendProvider.create: CUDA is not usable: " + NO_DRIVER),
                e.getMessage());
    }

    @Test
    void createRejectsAMissingOrdinal() {
        List<String> report = new ArrayList<>();
        CudaBackendProvider provider = new CudaBackendProvider(() -> new CudaProbe(
                new FakeInstallation().with(CudaProbe.DRIVER_LIBRARY), () -> FakeDriver.withDevices(CudaProbeTest.H100),
                () -> { }), report::add);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> provider.create(3));
        assertEquals("CudaBackendProvider.create: no device cuda:3 (1 found)", e.getMessage());
        // the simulated H100 is reported once, to the test's sink rather than the build log
        assertEquals(1, report.stream().filter(line -> line.startsWith("CUDA: ")).count(), report.toString());
        assertTrue(report.get(0).contains(CudaProbeTest.H100.name()), report.toString());
    }

    @Test
    void askingForCudaWithoutADriverGivesTheDocumentedMessage() {
        Assumptions.assumeFalse(driverInstalled(), "this machine has an NVIDIA driver");
        IllegalArgumentException direct = assertThrows(IllegalArgumentException.class,
                () -> Backends.get(Device.cuda(0)));
        assertTrue(direct.getMessage().startsWith("device cuda:0 is not usable: " + NO_DRIVER), direct.getMessage());
        // NABLA_DEVICE=cuda and -Dnabla.device=cuda take the same path: an explicit choice is never silently replaced.
        String previous = System.getProperty("nabla.device");
        System.setProperty("nabla.device", "cuda");
        try {
            IllegalArgumentException chosen = assertThrows(IllegalArgumentException.class, Device::best);
            assertEquals("system property nabla.device is 'cuda': " + direct.getMessage(), chosen.getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty("nabla.device");
            } else {
                System.setProperty("nabla.device", previous);
            }
        }
    }
}
