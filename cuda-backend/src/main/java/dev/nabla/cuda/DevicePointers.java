package dev.nabla.cuda;

import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;

/**
 * Converts between JCuda's pointer objects and the plain {@code long} device addresses that the
 * allocator, the JNA bindings and kernel arguments use. JCuda hands native code
 * {@code nativePointer + byteOffset}, so an address is a null pointer offset by that address.
 */
final class DevicePointers {

    private DevicePointers() {
    }

    /** A JCuda device pointer to {@code address}. */
    static CUdeviceptr at(long address) {
        return new CUdeviceptr().withByteOffset(address);
    }

    /** A device pointer that {@code cuMemAlloc} fills and whose address can be read back. */
    static final class Allocated extends CUdeviceptr {
        /** The device address the driver wrote into this pointer. */
        long address() {
            return getNativePointer() + getByteOffset();
        }
    }

    /** A stream whose handle can be passed to cuBLAS/cuDNN through JNA. */
    static final class Stream extends CUstream {
        /** The {@code CUstream} (= {@code cudaStream_t}) handle value. */
        long handle() {
            return getNativePointer();
        }
    }
}
