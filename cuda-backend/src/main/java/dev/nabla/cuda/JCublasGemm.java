package dev.nabla.cuda;

import static dev.nabla.cuda.GemmEngine.advance;
import static dev.nabla.cuda.GemmEngine.checkCublas;

import dev.nabla.DType;
import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.runtime.cudaStream_t;

/** GEMM through JCublas2 (needs {@code libcublas.so.12}), on the backend's stream. */
final class JCublasGemm implements GemmEngine {

    private final cublasHandle handle = new cublasHandle();

    JCublasGemm(DevicePointers.Stream stream, boolean tf32) {
        checkCublas("cublasCreate", JCublas2.cublasCreate(handle));
        checkCublas("cublasSetStream", JCublas2.cublasSetStream(handle, new cudaStream_t(stream)));
        checkCublas("cublasSetMathMode", JCublas2.cublasSetMathMode(handle, GemmEngine.mathMode(tf32)));
    }

    @Override
    public void gemm(DType dtype, GemmPlan plan, long a, long b, long out) {
        CublasGemmCall c = CublasGemmCall.of(plan);
        for (long[] offsets : plan.calls()) {
            Pointer pa = DevicePointers.at(advance(b, offsets[1], dtype));
            Pointer pb = DevicePointers.at(advance(a, offsets[0], dtype));
            Pointer pc = DevicePointers.at(advance(out, offsets[2], dtype));
            int status = dtype == DType.FLOAT32
                    ? JCublas2.cublasSgemmStridedBatched(handle, c.transa(), c.transb(), c.m(), c.n(), c.k(),
                            Pointer.to(new float[] {1f}), pa, c.lda(), c.strideA(), pb, c.ldb(), c.strideB(),
                            Pointer.to(new float[] {0f}), pc, c.ldc(), c.strideC(), c.batchCount())
                    : JCublas2.cublasDgemmStridedBatched(handle, c.transa(), c.transb(), c.m(), c.n(), c.k(),
                            Pointer.to(new double[] {1}), pa, c.lda(), c.strideA(), pb, c.ldb(), c.strideB(),
                            Pointer.to(new double[] {0}), pc, c.ldc(), c.strideC(), c.batchCount());
            checkCublas("cublas" + (dtype == DType.FLOAT32 ? "S" : "D") + "gemmStridedBatched", status);
        }
    }

    @Override
    public void close() {
        checkCublas("cublasDestroy", JCublas2.cublasDestroy(handle));
    }
}
