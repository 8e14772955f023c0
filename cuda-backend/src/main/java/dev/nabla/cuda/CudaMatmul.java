package dev.nabla.cuda;

import dev.nabla.backend.Strided;
import dev.nabla.backend.fast.MatmulKernel;

/**
 * Matrix products on a {@link CudaBackend}: cuBLAS through JCublas2 or the JNA binding, else the PTX GEMM,
 * as {@link CudaLibraries#gemm()} decided. Operands whose last two dimensions are neither row- nor
 * column-dense are copied first.
 */
final class CudaMatmul implements MatmulKernel, AutoCloseable {

    private final CudaBackend cuda;
    private GemmEngine gemm;

    CudaMatmul(CudaBackend cuda) {
        this.cuda = cuda;
    }

    @Override
    public void matmul(Strided a, Strided b, Strided out) {
        if (!KernelNames.hasFloatKernels(out.dtype()) || a.dtype() != out.dtype() || b.dtype() != out.dtype()
                || !out.isContiguous()) {
            throw new IllegalArgumentException("matmul: needs FLOAT32/FLOAT64 operands of one dtype and a contiguous "
                    + "output, got " + a + ", " + b + " -> " + out);
        }
        if (out.numel() == 0) {
            return;
        }
        cuda.withScratch(scratch -> {
            if (a.shape()[a.rank() - 1] == 0) {
                cuda.fillDense(out, 0);
                return;
            }
            Strided left = gemmReady(a, scratch);
            Strided right = gemmReady(b, scratch);
            GemmPlan plan = GemmPlan.of(left.shape(), left.strides(), right.shape(), right.strides(), out.shape())
                    .orElseThrow(() -> new IllegalStateException("matmul: dense operands did not plan"));
            engine().gemm(out.dtype(), plan, cuda.address(left), cuda.address(right), cuda.address(out));
        });
    }

    /** The view itself when its last two dimensions are row- or column-dense, else a dense copy. */
    private static Strided gemmReady(Strided v, DeviceScratch scratch) {
        int r = v.rank();
        boolean usable = GemmOperand.describe(v.shape()[r - 2], v.shape()[r - 1], v.strides()[r - 2], v.strides()[r - 1])
                .isPresent();
        return usable ? v : scratch.denseCopy(v);
    }

    private GemmEngine engine() {
        if (gemm == null) {
            boolean tf32 = Boolean.getBoolean(GemmEngine.TF32_PROPERTY);
            CudaLibraries libraries = cuda.libraries();
            gemm = switch (libraries.gemm().provider()) {
                case JCUBLAS2 -> new JCublasGemm(cuda.stream(), tf32);
                case CUBLAS_JNA -> new JnaCublasGemm(libraries.cublas().orElseThrow(), cuda.stream(), tf32);
                default -> new PtxGemm(cuda.launcher());
            };
        }
        return gemm;
    }

    /** Releases the cuBLAS handle, if one was made (the caller holds the backend's lock). */
    @Override
    public void close() {
        if (gemm != null) {
            gemm.close();
        }
    }
}
