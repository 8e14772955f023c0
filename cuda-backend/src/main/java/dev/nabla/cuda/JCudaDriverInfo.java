package dev.nabla.cuda;

import static dev.nabla.cuda.DriverCalls.check;

import java.nio.charset.StandardCharsets;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;

/** {@link DriverInfo} through JCuda; the first call loads the JCuda driver binding. */
final class JCudaDriverInfo implements DriverInfo {

    private static final int NAME_BUFFER = 256;

    @Override
    public void init() {
        check("cuInit", JCudaDriver.cuInit(0));
    }

    @Override
    public int driverVersion() {
        int[] version = new int[1];
        check("cuDriverGetVersion", JCudaDriver.cuDriverGetVersion(version));
        return version[0];
    }

    @Override
    public int deviceCount() {
        int[] count = new int[1];
        check("cuDeviceGetCount", JCudaDriver.cuDeviceGetCount(count));
        return count[0];
    }

    @Override
    public DeviceInfo device(int ordinal) {
        CUdevice device = handle(ordinal);
        byte[] name = new byte[NAME_BUFFER];
        check("cuDeviceGetName", JCudaDriver.cuDeviceGetName(name, name.length, device));
        long[] total = new long[1];
        check("cuDeviceTotalMem", JCudaDriver.cuDeviceTotalMem(total, device));
        return new DeviceInfo(ordinal, cString(name), total[0],
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR));
    }

    /** The driver's handle of device {@code ordinal}. */
    static CUdevice handle(int ordinal) {
        CUdevice device = new CUdevice();
        check("cuDeviceGet", JCudaDriver.cuDeviceGet(device, ordinal));
        return device;
    }

    private static int attribute(CUdevice device, int attribute) {
        int[] value = new int[1];
        check("cuDeviceGetAttribute", JCudaDriver.cuDeviceGetAttribute(value, attribute, device));
        return value[0];
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
