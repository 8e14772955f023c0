package dev.nabla.cuda;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.List;

/**
 * A thin JNA binding to the cuBLAS v2 C API ({@code cublas_api.h}), used when JCublas2 cannot load
 * (it needs {@code libcublas.so.12}; CUDA 13 installations ship {@code libcublas.so.13}, whose v2
 * entry points keep the same signatures). Every function returns a {@code cublasStatus_t}
 * (0 = success). Handles and streams are opaque pointers; matrices are device addresses wrapped in
 * {@code new Pointer(address)}; {@code alpha}/{@code beta} are host scalars (the default pointer mode).
 * cuBLAS is column-major: a row-major {@code C = A B} is computed as {@code C^T = B^T A^T}.
 */
public interface CublasLibrary extends Library {

    /** {@code CUBLAS_OP_N}: use the matrix as stored. */
    int OP_N = 0;
    /** {@code CUBLAS_OP_T}: use the transpose. */
    int OP_T = 1;
    /** {@code CUBLAS_DEFAULT_MATH}: full FP32 precision. */
    int DEFAULT_MATH = 0;
    /** {@code CUBLAS_TF32_TENSOR_OP_MATH}: FP32 GEMMs may use TF32 tensor cores (opt-in). */
    int TF32_TENSOR_OP_MATH = 3;
    /** {@code MAJOR_VERSION} of {@code libraryPropertyType}. */
    int MAJOR_VERSION = 0;
    /** {@code MINOR_VERSION} of {@code libraryPropertyType}. */
    int MINOR_VERSION = 1;
    /** {@code PATCH_LEVEL} of {@code libraryPropertyType}. */
    int PATCH_LEVEL = 2;

    /** The symbols a usable libcublas must export. */
    List<String> REQUIRED_SYMBOLS = List.of("cublasCreate_v2", "cublasDestroy_v2", "cublasSetStream_v2",
            "cublasSetMathMode", "cublasGetProperty", "cublasSgemm_v2", "cublasDgemm_v2",
            "cublasSgemmStridedBatched", "cublasDgemmStridedBatched");

    /** {@code cublasStatus_t cublasCreate_v2(cublasHandle_t *handle)}. */
    int cublasCreate_v2(PointerByReference handle);

    /** {@code cublasStatus_t cublasDestroy_v2(cublasHandle_t handle)}. */
    int cublasDestroy_v2(Pointer handle);

    /** {@code cublasStatus_t cublasSetStream_v2(cublasHandle_t handle, cudaStream_t streamId)}. */
    int cublasSetStream_v2(Pointer handle, Pointer stream);

    /** {@code cublasStatus_t cublasSetMathMode(cublasHandle_t handle, cublasMath_t mode)}. */
    int cublasSetMathMode(Pointer handle, int mode);

    /** {@code cublasStatus_t cublasGetProperty(libraryPropertyType type, int *value)}; needs no GPU. */
    int cublasGetProperty(int type, IntByReference value);

    /**
     * {@code cublasSgemm_v2(handle, transa, transb, m, n, k, const float *alpha, const float *A, int lda,
     * const float *B, int ldb, const float *beta, float *C, int ldc)}.
     */
    int cublasSgemm_v2(Pointer handle, int transa, int transb, int m, int n, int k, float[] alpha,
                       Pointer a, int lda, Pointer b, int ldb, float[] beta, Pointer c, int ldc);

    /** {@code cublasDgemm_v2}: as {@link #cublasSgemm_v2} in double precision. */
    int cublasDgemm_v2(Pointer handle, int transa, int transb, int m, int n, int k, double[] alpha,
                       Pointer a, int lda, Pointer b, int ldb, double[] beta, Pointer c, int ldc);

    /**
     * {@code cublasSgemmStridedBatched(handle, transa, transb, m, n, k, const float *alpha,
     * const float *A, int lda, long long strideA, const float *B, int ldb, long long strideB,
     * const float *beta, float *C, int ldc, long long strideC, int batchCount)}; strides in elements.
     */
    int cublasSgemmStridedBatched(Pointer handle, int transa, int transb, int m, int n, int k, float[] alpha,
                                  Pointer a, int lda, long strideA, Pointer b, int ldb, long strideB,
                                  float[] beta, Pointer c, int ldc, long strideC, int batchCount);

    /** {@code cublasDgemmStridedBatched}: as {@link #cublasSgemmStridedBatched} in double precision. */
    int cublasDgemmStridedBatched(Pointer handle, int transa, int transb, int m, int n, int k, double[] alpha,
                                  Pointer a, int lda, long strideA, Pointer b, int ldb, long strideB,
                                  double[] beta, Pointer c, int ldc, long strideC, int batchCount);
}
