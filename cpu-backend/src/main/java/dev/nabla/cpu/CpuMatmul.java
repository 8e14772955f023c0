package dev.nabla.cpu;

import dev.nabla.backend.Strided;
import dev.nabla.cpu.kernels.Dgemm;
import dev.nabla.cpu.kernels.Dgemv;
import dev.nabla.cpu.kernels.MatrixStrides;
import dev.nabla.cpu.kernels.Sgemm;

/**
 * Batched matrix product on heap arrays through the packed, register-blocked GEMMs
 * ({@link Sgemm}, {@link Dgemm}). Each operand's last two strides become the GEMM's row and
 * column strides, so transposed and sliced views are read in place (the packing absorbs any
 * layout); batch dimensions, broadcast ones included, become per-batch offsets. A float64 product
 * with a single output row or column goes to the matrix-vector kernel ({@link Dgemv}).
 */
final class CpuMatmul {

    private CpuMatmul() {
    }

    static void matmul(Strided a, Strided b, Strided out) {
        int r = a.rank();
        int m = a.shape()[r - 2];
        int k = a.shape()[r - 1];
        int n = b.shape()[r - 1];
        int batches = out.numel() / Math.max(1, m * n);
        if (m == 0 || n == 0 || batches == 0) {
            return;
        }
        int[] aOff = batchOffsets(a, batches);
        int[] bOff = batchOffsets(b, batches);
        int[] cOff = new int[batches];
        for (int i = 0; i < batches; i++) {
            cOff[i] = out.offset() + i * m * n;
        }
        MatrixStrides as = new MatrixStrides(a.strides()[r - 2], a.strides()[r - 1]);
        MatrixStrides bs = new MatrixStrides(b.strides()[r - 2], b.strides()[r - 1]);
        Object cData = CpuBackend.data(out);
        if (cData instanceof double[] c && batches == 1 && (n == 1 || m == 1)) {
            matrixVector(m, n, k, (double[]) CpuBackend.data(a), aOff[0], as, (double[]) CpuBackend.data(b), bOff[0], bs, c,
                    cOff[0]);
            return;
        }
        if (cData instanceof float[] c) {
            Sgemm.multiplyBatched(batches, m, n, k, (float[]) CpuBackend.data(a), aOff, as, (float[]) CpuBackend.data(b),
                    bOff, bs, 0f, c, cOff, n, true);
        } else {
            Dgemm.multiplyBatched(batches, m, n, k, (double[]) CpuBackend.data(a), aOff, as,
                    (double[]) CpuBackend.data(b), bOff, bs, 0.0, (double[]) cData, cOff, n, true);
        }
    }

    /**
     * A product with one output column ({@code A·b}) or one output row ({@code a·B = (Bᵀaᵀ)ᵀ}) as a
     * matrix-vector product, which reads the matrix once instead of packing it for a GEMM.
     */
    private static void matrixVector(int m, int n, int k, double[] a, int aOff, MatrixStrides as, double[] b, int bOff,
            MatrixStrides bs, double[] c, int cOff) {
        if (n == 1) {
            Dgemv.multiply(m, k, a, aOff, as, b, bOff, bs.row(), c, cOff);
        } else {
            Dgemv.multiply(n, k, b, bOff, new MatrixStrides(bs.col(), bs.row()), a, aOff, as.col(), c, cOff);
        }
    }

    /** Element offsets of each batch's matrix, from the batch dimensions' strides. */
    private static int[] batchOffsets(Strided t, int batches) {
        int r = t.rank();
        int[] offsets = new int[batches];
        for (int i = 0; i < batches; i++) {
            int rem = i;
            int off = t.offset();
            for (int d = r - 3; d >= 0; d--) {
                int size = t.shape()[d];
                off += (rem % size) * t.strides()[d];
                rem /= size;
            }
            offsets[i] = off;
        }
        return offsets;
    }
}
