package dev.nabla.cuda;

import static dev.nabla.cuda.DriverCalls.check;

import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/** {@link DeviceMemory} through the driver API; the device's context must be current on the calling thread. */
final class DriverDeviceMemory implements DeviceMemory {

    @Override
    public long alloc(long bytes) {
        DevicePointers.Allocated pointer = new DevicePointers.Allocated();
        int result = JCudaDriver.cuMemAlloc(pointer, bytes);
        if (result == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            return 0;
        }
        check("cuMemAlloc", result);
        return pointer.address();
    }

    @Override
    public void free(long address) {
        check("cuMemFree", JCudaDriver.cuMemFree(DevicePointers.at(address)));
    }

    @Override
    public MemoryInfo memGetInfo() {
        long[] free = new long[1];
        long[] total = new long[1];
        check("cuMemGetInfo", JCudaDriver.cuMemGetInfo(free, total));
        return new MemoryInfo(free[0], total[0]);
    }
}
