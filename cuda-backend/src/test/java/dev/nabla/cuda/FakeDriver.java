package dev.nabla.cuda;

import java.util.List;

/** A driver that reports a fixed version and device list, or fails {@code cuInit} the way a real driver does. */
final class FakeDriver implements DriverInfo {

    private final RuntimeException initFailure;
    private final Error linkFailure;
    private final List<DeviceInfo> devices;

    private FakeDriver(RuntimeException initFailure, Error linkFailure, List<DeviceInfo> devices) {
        this.initFailure = initFailure;
        this.linkFailure = linkFailure;
        this.devices = devices;
    }

    static FakeDriver withDevices(DeviceInfo... devices) {
        return new FakeDriver(null, null, List.of(devices));
    }

    static FakeDriver failingInit(String codeName, int code) {
        return new FakeDriver(new CudaDriverException("cuInit", code, codeName), null, List.of());
    }

    static FakeDriver failingToLink(Error error) {
        return new FakeDriver(null, error, List.of());
    }

    @Override
    public void init() {
        if (linkFailure != null) {
            throw linkFailure;
        }
        if (initFailure != null) {
            throw initFailure;
        }
    }

    @Override
    public int driverVersion() {
        return 13000;
    }

    @Override
    public int deviceCount() {
        return devices.size();
    }

    @Override
    public DeviceInfo device(int ordinal) {
        return devices.get(ordinal);
    }
}
