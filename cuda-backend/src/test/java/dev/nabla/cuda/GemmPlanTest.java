package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.kernels.PtxKernels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Row-major GEMM planning and the column-major cuBLAS operand swap, against hand-worked arguments. */
class GemmPlanTest {

    private static GemmPlan plan(int[] aShape, int[] aStrides, int[] bShape, int[] bStrides, int[] outShape) {
        return GemmPlan.of(aShape, aStrides, bShape, bStrides, outShape).orElseThrow();
    }

    @Test
    void contiguousMatricesSwapIntoCublasWithoutTransposes() {
        GemmPlan p = plan(new int[] {2, 3}, new int[] {3, 1}, new int[] {3, 4}, new int[] {4, 1}, new int[] {2, 4});
        assertEquals(new GemmOperand(false, 3), p.a());
        assertEquals(new GemmOperand(false, 4), p.b());
        assertEquals(1, p.batch());
        assertArrayEquals(new long[][] {{0, 0, 0}}, p.calls());
        // C^T (4x2, ldc 4) = B^T (4x3, ld 4) * A^T (3x2, ld 3).
        assertEquals(new CublasGemmCall(CublasLibrary.OP_N, CublasLibrary.OP_N, 4, 2, 3, 4, 3, 4, 0, 0, 8, 1),
                CublasGemmCall.of(p));
    }

    @Test
    void transposedViewBecomesOpT() {
        // a = y.t() for y [3, 2] contiguous: shape [2, 3], strides [1, 2]; b = z.t() for z [4, 3]: strides [1, 3].
        GemmPlan p = plan(new int[] {2, 3}, new int[] {1, 2}, new int[] {3, 4}, new int[] {1, 3}, new int[] {2, 4});
        assertEquals(new GemmOperand(true, 2), p.a());
        assertEquals(new GemmOperand(true, 3), p.b());
        CublasGemmCall c = CublasGemmCall.of(p);
        assertEquals(CublasLibrary.OP_T, c.transa());
        assertEquals(CublasLibrary.OP_T, c.transb());
        assertEquals(3, c.lda()); // z [4, 3] read column-major is 3x4 = b; OP_T gives b^T (4x3) as needed
        assertEquals(2, c.ldb());
    }

    @Test
    void broadcastBatchUsesStrideZero() {
        // a [2, 3] expanded to [5, 2, 3]; b [5, 3, 4] contiguous.
        GemmPlan p = plan(new int[] {5, 2, 3}, new int[] {0, 3, 1}, new int[] {5, 3, 4}, new int[] {12, 4, 1},
                new int[] {5, 2, 4});
        assertEquals(5, p.batch());
        assertEquals(0, p.strideA());
        assertEquals(12, p.strideB());
        assertEquals(8, p.strideC());
        CublasGemmCall c = CublasGemmCall.of(p);
        assertEquals(12, c.strideA()); // cuBLAS's A is our b
        assertEquals(0, c.strideB());
        assertEquals(5, c.batchCount());
    }

    @Test
    void contiguousBatchDimensionsMergeIntoOneCall() {
        GemmPlan p = plan(new int[] {2, 3, 4, 5}, new int[] {60, 20, 5, 1}, new int[] {2, 3, 5, 6}, new int[] {90, 30, 6, 1},
                new int[] {2, 3, 4, 6});
        assertEquals(6, p.batch());
        assertEquals(List.of(20L, 30L, 24L), List.of(p.strideA(), p.strideB(), p.strideC()));
        assertEquals(1, p.calls().length);
    }

    @Test
    void unmergeableBatchDimensionsLoopOnTheHost() {
        // a's batch dims are swapped (strides 4, 8 for extents 2, 3): one strided-batched call per outer index.
        GemmPlan p = plan(new int[] {2, 3, 2, 2}, new int[] {4, 8, 2, 1}, new int[] {2, 3, 2, 2}, new int[] {12, 4, 2, 1},
                new int[] {2, 3, 2, 2});
        assertEquals(3, p.batch());
        assertEquals(List.of(8L, 4L, 4L), List.of(p.strideA(), p.strideB(), p.strideC()));
        assertArrayEquals(new long[][] {{0, 0, 0}, {4, 12, 12}}, p.calls());
    }

    @Test
    void vectorShapesIgnoreTheStrideOfExtentOneDimensions() {
        // Row vector [1, 3] expanded from a scalar row (stride 0) times column [3, 1].
        GemmPlan p = plan(new int[] {1, 3}, new int[] {0, 1}, new int[] {3, 1}, new int[] {1, 1}, new int[] {1, 1});
        assertEquals(new GemmOperand(false, 3), p.a());
        assertEquals(new GemmOperand(false, 1), p.b());
    }

    @Test
    void sparseColumnsCannotBePlanned() {
        assertTrue(GemmPlan.of(new int[] {2, 3}, new int[] {6, 2}, new int[] {3, 4}, new int[] {4, 1}, new int[] {2, 4})
                .isEmpty());
        assertTrue(GemmOperand.describe(3, 3, 0, 1).isEmpty()); // broadcast rows: neither form
    }

    @Test
    void misalignedShapesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GemmPlan.of(new int[] {2, 3},
                new int[] {3, 1}, new int[] {4, 5}, new int[] {5, 1}, new int[] {2, 5}));
        assertEquals("matmul: shapes [2, 3] and [4, 5] do not multiply into [2, 5]", e.getMessage());
    }

    @Test
    void ptxGemmTakesTheRowMajorPlanDirectly() {
        GemmPlan p = plan(new int[] {5, 2, 3}, new int[] {0, 1, 2}, new int[] {5, 3, 4}, new int[] {12, 4, 1},
                new int[] {5, 2, 4});
        KernelCall call = PtxGemm.call(DType.FLOAT64, p, 1000, 2000, 3000);
        assertEquals("gemm_f64", call.kernel());
        call.args().checkAgainst(PtxKernels.signature(call.kernel()));
        List<Object> expected = List.of(3000L, 1000L, 2000L, 2, 4, 3, 1, 0, 2, 4, 4, 1.0, 0.0, 5, 0, 12, 8);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), call.args().value(i), "argument " + i);
        }
        assertEquals(1, call.geometry().gridX());
        assertEquals(5, call.geometry().gridZ());
    }

    @Test
    void tf32IsOptIn() {
        assertEquals(CublasLibrary.DEFAULT_MATH, GemmEngine.mathMode(false));
        assertEquals(CublasLibrary.TF32_TENSOR_OP_MATH, GemmEngine.mathMode(true));
    }
}
