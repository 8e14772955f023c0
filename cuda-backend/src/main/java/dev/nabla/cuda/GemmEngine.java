package dev.nabla.cuda;

import dev.nabla.DType;

/**
 * Executes planned GEMMs on the device: cuBLAS through JCublas2 or JNA, or the PTX GEMM kernel, as
 * {@link CudaLibraries#gemm()} decided. Addresses are those of element 0 of each view; the plan's
 * per-call offsets are added here.
 */
interface GemmEngine extends AutoCloseable {

    /** The system property that opts FP32 GEMMs into TF32 tensor-core math on cuBLAS. */
    String TF32_PROPERTY = "nabla.cuda.tf32";

    /** {@code out = a · b} for FLOAT32 or FLOAT64 operands as planned. */
    void gemm(DType dtype, GemmPlan plan, long a, long b, long out);

    /** Releases library handles. */
    @Override
    void close();

    /** The cuBLAS math mode: TF32 tensor ops only when {@link #TF32_PROPERTY} is {@code true}. */
    static int mathMode(boolean tf32) {
        return tf32 ? CublasLibrary.TF32_TENSOR_OP_MATH : CublasLibrary.DEFAULT_MATH;
    }

    /** The device address of {@code base} advanced by {@code elements} of {@code dtype}. */
    static long advance(long base, long elements, DType dtype) {
        return base + elements * dtype.byteSize();
    }

    /** Throws unless a cuBLAS call returned {@code CUBLAS_STATUS_SUCCESS}. */
    static void checkCublas(String call, int status) {
        if (status != 0) {
            throw new IllegalStateException(call + " failed: cublasStatus_t " + status);
        }
    }
}
