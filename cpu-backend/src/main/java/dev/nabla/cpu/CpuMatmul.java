package dev.nabla.cpu;

import dev.nabla.backend.Strided;

/**
 * Batched matrix product on heap arrays: each output row is built as a sum of scaled rows of B
 * (the "axpy" order), whose contiguous inner loop the JIT vectorises. B is packed to a dense
 * row-major block per batch when its rows are not contiguous. Rows of all batches are split over
 * the shared pool.
 */
final class CpuMatmul {

    /** Multiply-adds per parallel task, so that small products stay on the calling thread. */
    private static final long GRAIN_FLOPS = 1L << 16;

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
        boolean bRowsContiguous = b.strides()[r - 1] == 1;
        int bRowStride = bRowsContiguous ? b.strides()[r - 2] : n;
        Object bData = bRowsContiguous ? CpuBackend.data(b) : packB(b, batches, bOff, k, n);
        if (!bRowsContiguous) {
            for (int i = 0; i < batches; i++) {
                bOff[i] = i * k * n;
            }
        }
        int sm = a.strides()[r - 2];
        int sk = a.strides()[r - 1];
        Object aData = CpuBackend.data(a);
        Object cData = CpuBackend.data(out);
        int rowGrain = (int) Math.max(1, GRAIN_FLOPS / Math.max(1L, (long) k * n));
        Parallel.forRange(batches * m, rowGrain, (from, to) -> {
            for (int row = from; row < to; row++) {
                int batch = row / m;
                int i = row % m;
                int aRow = aOff[batch] + i * sm;
                int cRow = out.offset() + row * n;
                if (cData instanceof float[] c) {
                    rowF((float[]) aData, aRow, sk, (float[]) bData, bOff[batch], bRowStride, c, cRow, k, n);
                } else {
                    rowD((double[]) aData, aRow, sk, (double[]) bData, bOff[batch], bRowStride, (double[]) cData, cRow, k, n);
                }
            }
        });
    }

    private static void rowF(float[] a, int aRow, int sk, float[] b, int bBase, int bRowStride, float[] c, int cRow,
            int k, int n) {
        java.util.Arrays.fill(c, cRow, cRow + n, 0f);
        for (int p = 0; p < k; p++) {
            float s = a[aRow + p * sk];
            int bRow = bBase + p * bRowStride;
            for (int j = 0; j < n; j++) {
                c[cRow + j] += s * b[bRow + j];
            }
        }
    }

    private static void rowD(double[] a, int aRow, int sk, double[] b, int bBase, int bRowStride, double[] c, int cRow,
            int k, int n) {
        java.util.Arrays.fill(c, cRow, cRow + n, 0.0);
        for (int p = 0; p < k; p++) {
            double s = a[aRow + p * sk];
            int bRow = bBase + p * bRowStride;
            for (int j = 0; j < n; j++) {
                c[cRow + j] += s * b[bRow + j];
            }
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

    /** Copies every batch's B into a dense row-major block (batch after batch). */
    private static Object packB(Strided b, int batches, int[] bOff, int k, int n) {
        int r = b.rank();
        Strided dense = Strided.contiguous(CpuBackend.INSTANCE.allocate(b.dtype(), batches * k * n),
                new int[] {batches, k, n});
        for (int i = 0; i < batches; i++) {
            Strided src = new Strided(b.storage(), new int[] {k, n}, new int[] {b.strides()[r - 2], b.strides()[r - 1]},
                    bOff[i]);
            Strided dst = new Strided(dense.storage(), new int[] {k, n}, new int[] {n, 1}, i * k * n);
            CpuBackend.INSTANCE.copy(src, dst);
        }
        return CpuBackend.data(dense);
    }
}
