package dev.nabla.cpu.kernels;

/**
 * Single-precision GEMM: {@code C = A · B + beta · C}, batched, over operands with any row and
 * column strides, on the shared {@link BlockedGemm} driver.
 */
public final class Sgemm {

    private static final BlockedGemm<float[]> GEMM = new BlockedGemm<>("sgemm", GemmArrays.FLOAT);

    private Sgemm() {
    }

    /**
     * One product {@code C = A · B + beta · C} of an {@code m × k} A and a {@code k × n} B,
     * parallel when large enough.
     *
     * @param c row-major output with leading dimension {@code ldc}
     */
    public static void multiply(int m, int n, int k, float[] a, int aOffset, MatrixStrides as, float[] b, int bOffset,
            MatrixStrides bs, float beta, float[] c, int cOffset, int ldc) {
        multiplyBatched(1, m, n, k, a, new int[] {aOffset}, as, b, new int[] {bOffset}, bs, beta, c, new int[] {cOffset},
                ldc, true);
    }

    /**
     * {@code batches} independent products {@code C[i] = A[i] · B[i] + beta · C[i]}.
     *
     * @param aOffsets where each A starts (entries may repeat for a broadcast operand)
     * @param bOffsets where each B starts
     * @param cOffsets where each C starts; C tiles of different batches must not overlap
     * @param parallel whether the pool may be used (false when the caller already runs on every core)
     */
    public static void multiplyBatched(int batches, int m, int n, int k, float[] a, int[] aOffsets, MatrixStrides as,
            float[] b, int[] bOffsets, MatrixStrides bs, float beta, float[] c, int[] cOffsets, int ldc,
            boolean parallel) {
        multiplyBatched(Simd.sgemm(), batches, m, n, k, a, aOffsets, as, b, bOffsets, bs, beta, c, cOffsets, ldc,
                parallel);
    }

    /** {@link #multiplyBatched} with an explicit micro-kernel (tests run both the SIMD and scalar ones). */
    static void multiplyBatched(GemmMicroKernel<float[]> kernel, int batches, int m, int n, int k, float[] a, int[] aOffsets,
            MatrixStrides as, float[] b, int[] bOffsets, MatrixStrides bs, float beta, float[] c, int[] cOffsets,
            int ldc, boolean parallel) {
        GEMM.multiplyBatched(kernel, batches, m, n, k, a, aOffsets, as, b, bOffsets, bs, beta, c, cOffsets, ldc, parallel);
    }
}
