package dev.nabla.cuda;

/**
 * The column-major cuBLAS arguments for a row-major {@link GemmPlan}. cuBLAS reads a row-major
 * {@code [r, c]} matrix with leading dimension {@code ld} as the column-major {@code [c, r]} matrix,
 * its transpose, so a row-major {@code C = A·B} is computed as {@code Cᵀ = Bᵀ·Aᵀ}: cuBLAS's
 * first operand is our b, its second our a, {@code m} and {@code n} swap, and an operand stored
 * transposed (row-major) is passed with {@code CUBLAS_OP_T}.
 *
 * @param transa the op of cuBLAS's A (our b)
 * @param transb the op of cuBLAS's B (our a)
 * @param m rows of cuBLAS's C (our n)
 * @param n columns of cuBLAS's C (our m)
 * @param k the shared dimension
 * @param lda leading dimension of our b
 * @param ldb leading dimension of our a
 * @param ldc leading dimension of out
 * @param strideA batch stride of our b
 * @param strideB batch stride of our a
 * @param strideC batch stride of out
 * @param batchCount matrices per call
 */
record CublasGemmCall(int transa, int transb, int m, int n, int k, int lda, int ldb, int ldc, long strideA, long strideB,
        long strideC, int batchCount) {

    /** The swapped arguments of {@code plan}. */
    static CublasGemmCall of(GemmPlan plan) {
        return new CublasGemmCall(op(plan.b()), op(plan.a()), plan.n(), plan.m(), plan.k(), plan.b().ld(), plan.a().ld(),
                plan.ldc(), plan.strideB(), plan.strideA(), plan.strideC(), plan.batch());
    }

    private static int op(GemmOperand operand) {
        return operand.transposed() ? CublasLibrary.OP_T : CublasLibrary.OP_N;
    }
}
