package dev.nabla.cuda;

/**
 * The read-only part of the CUDA driver API that the probe and the doctor need. The real
 * implementation is {@link JCudaDriverInfo}; tests substitute fakes that fail the way a machine
 * without a driver or without a GPU does.
 *
 * <p>Methods may throw {@link LinkageError} (the binding cannot load) or
 * {@link CudaDriverException} (the driver returned an error code).
 */
public interface DriverInfo {

    /** {@code cuInit(0)}. */
    void init();

    /** {@code cuDriverGetVersion}: e.g. 13000 for CUDA 13.0. */
    int driverVersion();

    /** {@code cuDeviceGetCount}. */
    int deviceCount();

    /** Name, memory and compute capability of device {@code ordinal}. */
    DeviceInfo device(int ordinal);

    /** {@code 13000} becomes {@code "13.0"}. */
    static String formatVersion(int version) {
        return version / 1000 + "." + version % 1000 / 10;
    }
}
