package dev.nabla.cuda;

import static dev.nabla.cuda.GemmEngine.advance;
import static dev.nabla.cuda.GemmEngine.checkCublas;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.nabla.DType;

/** GEMM through {@link CublasLibrary} (JNA, {@code libcublas.so.13} or {@code .12}), on the backend's stream. */
final class JnaCublasGemm implements GemmEngine {

    private final CublasLibrary cublas;
    private final Pointer handle;

    JnaCublasGemm(CublasLibrary cublas, DevicePointers.Stream stream, boolean tf32) {
        this.cublas = cublas;
        PointerByReference ref = new PointerByReference();
        checkCublas("cublasCreate_v2", cublas.cublasCreate_v2(ref));
        handle = ref.getValue();
        checkCublas("cublasSetStream_v2", cublas.cublasSetStream_v2(handle, new Pointer(stream.handle())));
        checkCublas("cublasSetMathMode", cublas.cublasSetMathMode(handle, GemmEngine.mathMode(tf32)));
    }

    @Override
    public void gemm(DType dtype, GemmPlan plan, long a, long b, long out) {
        CublasGemmCall c = CublasGemmCall.of(plan);
        for (long[] offsets : plan.calls()) {
            Pointer pa = new Pointer(advance(b, offsets[1], dtype));
            Pointer pb = new Pointer(advance(a, offsets[0], dtype));
            Pointer pc = new Pointer(advance(out, offsets[2], dtype));
            int status = dtype == DType.FLOAT32
                    ? cublas.cublasSgemmStridedBatched(handle, c.transa(), c.transb(), c.m(), c.n(), c.k(), new float[] {1f},
                            pa, c.lda(), c.strideA(), pb, c.ldb(), c.strideB(), new float[] {0f}, pc, c.ldc(), c.strideC(),
                            c.batchCount())
                    : cublas.cublasDgemmStridedBatched(handle, c.transa(), c.transb(), c.m(), c.n(), c.k(), new double[] {1},
                            pa, c.lda(), c.strideA(), pb, c.ldb(), c.strideB(), new double[] {0}, pc, c.ldc(), c.strideC(),
                            c.batchCount());
            checkCublas("cublas" + (dtype == DType.FLOAT32 ? "S" : "D") + "gemmStridedBatched (JNA)", status);
        }
    }

    @Override
    public void close() {
        checkCublas("cublasDestroy_v2", cublas.cublasDestroy_v2(handle));
    }
}
