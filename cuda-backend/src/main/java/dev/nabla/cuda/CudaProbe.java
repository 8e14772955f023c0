package dev.nabla.cuda;

import dev.nabla.backend.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Checks whether CUDA can run here, step by step, and explains the first step that fails: the
 * driver library, the JCuda binding, {@code cuInit}, the device count. It also records what
 * serves GEMM, convolution and RNNs ({@link CudaLibraries}). {@link #run()} never throws.
 */
public final class CudaProbe {

    /** The driver library every CUDA installation provides. */
    public static final String DRIVER_LIBRARY = "libcuda.so.1";

    /**
     * Everything the probe found.
     *
     * @param probe the verdict for the backend SPI
     * @param driverLibrary the lookup of {@code libcuda.so.1}
     * @param driverVersion the driver's CUDA version, e.g. 13000 (0 when unknown)
     * @param devices the devices found (empty when none or when the driver failed)
     * @param libraries what serves GEMM, conv and RNN (null only if deciding itself failed)
     */
    public record Result(Probe probe, LibraryLookup driverLibrary, int driverVersion, List<DeviceInfo> devices,
                         CudaLibraries libraries) {
    }

    private final NativeLibraryLocator locator;
    private final Supplier<DriverInfo> driver;
    private final Runnable jcublasInit;

    /**
     * @param locator loads native libraries by name
     * @param driver creates the driver binding (called once, after {@code libcuda.so.1} was found)
     * @param jcublasInit loads JCublas2's native part
     */
    public CudaProbe(NativeLibraryLocator locator, Supplier<DriverInfo> driver, Runnable jcublasInit) {
        this.locator = locator;
        this.driver = driver;
        this.jcublasInit = jcublasInit;
    }

    /** The probe of this machine: real library search, JCuda driver, JCublas2. */
    public static CudaProbe system() {
        return new CudaProbe(new SystemLibraryLocator(), JCudaDriverInfo::new, JCudaNatives::initializeJcublas);
    }

    /** Runs every check; never throws. */
    public Result run() {
        CudaLibraries libraries = decideLibraries();
        LibraryLookup driverLibrary;
        try {
            driverLibrary = locator.locate(DRIVER_LIBRARY, List.of("cuInit"));
        } catch (Throwable t) {
            driverLibrary = LibraryLookup.missing(DRIVER_LIBRARY, ErrorSummary.of(t));
        }
        if (!driverLibrary.found()) {
            return failed(noDriver(driverLibrary.failure()), driverLibrary, 0, libraries);
        }
        int version = 0;
        try {
            DriverInfo info = driver.get();
            info.init();
            version = info.driverVersion();
            int count = info.deviceCount();
            if (count <= 0) {
                return failed("0 CUDA devices (driver supports CUDA " + DriverInfo.formatVersion(version) + ")",
                        driverLibrary, version, libraries);
            }
            List<DeviceInfo> devices = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                devices.add(info.device(i));
            }
            String reason = count + " CUDA device" + (count == 1 ? "" : "s") + " (" + devices.get(0).name()
                    + (count > 1 ? ", ..." : "") + "), driver CUDA " + DriverInfo.formatVersion(version)
                    + (libraries != null ? "; " + libraries.summary() : "");
            return new Result(Probe.ok(reason, count), driverLibrary, version, List.copyOf(devices), libraries);
        } catch (CudaDriverException e) {
            return failed(e.call() + " failed: " + e.codeName(), driverLibrary, version, libraries);
        } catch (LinkageError e) {
            String summary = ErrorSummary.of(e);
            return failed(summary.contains(DRIVER_LIBRARY) ? noDriver(summary)
                    : "JCuda driver binding failed to load (" + summary + ")", driverLibrary, version, libraries);
        } catch (Throwable t) {
            return failed("CUDA probe failed: " + ErrorSummary.of(t), driverLibrary, version, libraries);
        }
    }

    private CudaLibraries decideLibraries() {
        try {
            return CudaLibraries.decide(locator, jcublasInit);
        } catch (Throwable t) {
            return null;
        }
    }

    private static String noDriver(String detail) {
        return "no NVIDIA driver: " + DRIVER_LIBRARY + " not found (" + detail + ")";
    }

    private static Result failed(String reason, LibraryLookup driverLibrary, int version, CudaLibraries libraries) {
        return new Result(Probe.unusable(reason), driverLibrary, version, List.of(), libraries);
    }
}
