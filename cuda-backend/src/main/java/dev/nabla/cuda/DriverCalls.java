package dev.nabla.cuda;

import jcuda.driver.CUresult;

/**
 * Checks JCuda driver return codes. JCuda's exceptions are left disabled (a global switch other
 * code may rely on); every call's {@code CUresult} goes through here instead.
 */
final class DriverCalls {

    private DriverCalls() {
    }

    /** Throws {@link CudaDriverException} naming {@code call} unless {@code result} is success. */
    static void check(String call, int result) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new CudaDriverException(call, result, CUresult.stringFor(result));
        }
    }
}
