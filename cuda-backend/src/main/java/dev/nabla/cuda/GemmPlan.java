package dev.nabla.cuda;

import java.util.Arrays;
import java.util.Optional;

/**
 * A row-major (batched) GEMM {@code out[b] = a[b] · bm[b]} as strided-batched calls: the batch
 * dimensions of a, b and out are coalesced together; the innermost one becomes the call's batch
 * (with its three strides, 0 for a broadcast operand) and any outer ones are looped on the host,
 * one call per index, at the element offsets in {@link #calls}.
 *
 * @param m rows of out
 * @param n columns of out
 * @param k the shared dimension
 * @param a the left operand
 * @param b the right operand
 * @param ldc out's row stride (= n, out is contiguous)
 * @param batch matrices per call
 * @param strideA element stride between a's matrices within a call
 * @param strideB element stride between b's matrices within a call
 * @param strideC element stride between out's matrices within a call
 * @param calls per call, the element offsets {a, b, out} from the views' own offsets
 */
record GemmPlan(int m, int n, int k, GemmOperand a, GemmOperand b, int ldc, int batch, long strideA, long strideB,
        long strideC, long[][] calls) {

    /**
     * Plans {@code out = a · b} for views {@code a [B..., M, K]}, {@code b [B..., K, N]} and contiguous
     * {@code out [B..., M, N]}.
     *
     * @return the plan, or empty when a or b is neither row- nor column-dense in its last two dimensions
     *     (make it contiguous and plan again)
     */
    static Optional<GemmPlan> of(int[] aShape, int[] aStrides, int[] bShape, int[] bStrides, int[] outShape) {
        int rank = outShape.length;
        if (rank < 2 || aShape.length != rank || bShape.length != rank) {
            throw new IllegalArgumentException("matmul: shapes " + Arrays.toString(aShape) + " and " + Arrays.toString(bShape)
                    + " into " + Arrays.toString(outShape) + " must all have one rank >= 2");
        }
        int m = outShape[rank - 2];
        int n = outShape[rank - 1];
        int k = aShape[rank - 1];
        if (aShape[rank - 2] != m || bShape[rank - 1] != n || bShape[rank - 2] != k
                || !Arrays.equals(aShape, 0, rank - 2, outShape, 0, rank - 2)
                || !Arrays.equals(bShape, 0, rank - 2, outShape, 0, rank - 2)) {
            throw new IllegalArgumentException("matmul: shapes " + Arrays.toString(aShape) + " and " + Arrays.toString(bShape)
                    + " do not multiply into " + Arrays.toString(outShape));
        }
        Optional<GemmOperand> left = GemmOperand.describe(m, k, aStrides[rank - 2], aStrides[rank - 1]);
        Optional<GemmOperand> right = GemmOperand.describe(k, n, bStrides[rank - 2], bStrides[rank - 1]);
        if (left.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        int[] outStrides = dev.nabla.backend.Strided.contiguousStrides(outShape);
        Coalesced batchDims = Coalesced.of(Arrays.copyOf(outShape, rank - 2), Arrays.copyOf(aStrides, rank - 2),
                Arrays.copyOf(bStrides, rank - 2), Arrays.copyOf(outStrides, rank - 2));
        int batchRank = batchDims.rank();
        int batch = batchRank == 0 ? 1 : batchDims.shape()[batchRank - 1];
        long[] inner = new long[3];
        for (int op = 0; op < 3 && batchRank > 0; op++) {
            inner[op] = batchDims.strides()[op][batchRank - 1];
        }
        long matrix = (long) m * n;
        return Optional.of(new GemmPlan(m, n, k, left.get(), right.get(), Math.max(n, 1), batch, inner[0], inner[1],
                batchRank == 0 ? matrix : inner[2], outerOffsets(batchDims)));
    }

    /** One {a, b, out} offset triple per index of the batch dimensions outside the innermost one. */
    private static long[][] outerOffsets(Coalesced batchDims) {
        int outerRank = Math.max(batchDims.rank() - 1, 0);
        int count = AxisSplit.product(batchDims.shape(), 0, outerRank);
        long[][] calls = new long[count][3];
        int[] index = new int[outerRank];
        for (int c = 0; c < count; c++) {
            for (int d = 0; d < outerRank; d++) {
                for (int op = 0; op < 3; op++) {
                    calls[c][op] += (long) index[d] * batchDims.strides()[op][d];
                }
            }
            for (int d = outerRank - 1; d >= 0; d--) {
                if (++index[d] < batchDims.shape()[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return calls;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GemmPlan p && p.m == m && p.n == n && p.k == k && p.a.equals(a) && p.b.equals(b) && p.ldc == ldc
                && p.batch == batch && p.strideA == strideA && p.strideB == strideB && p.strideC == strideC
                && Arrays.deepEquals(p.calls, calls);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new long[] {m, n, k, ldc, batch, strideA, strideB, strideC}) * 31 + Arrays.deepHashCode(calls);
    }

    @Override
    public String toString() {
        return "GemmPlan[m=" + m + ", n=" + n + ", k=" + k + ", a=" + a + ", b=" + b + ", ldc=" + ldc + ", batch=" + batch
                + ", strides=(" + strideA + ", " + strideB + ", " + strideC + "), calls=" + Arrays.deepToString(calls) + "]";
    }
}
