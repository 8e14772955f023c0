package dev.nabla.cpu.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Sgemm and Dgemm against a float64 triple loop on odd sizes, transposed operands, batches,
 * offsets, padded leading dimensions and beta, through both the SIMD and the scalar kernels (the
 * double SIMD kernel also on one thread, so its tiles are not only exercised through the pool).
 */
class GemmTest {

    private static final Blocking SMALL = new Blocking(6, 16, 12, 8, 32);

    /** m, n, k, transA, transB, batches, beta. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(1, 1, 1, false, false, 1, 0.0),
                Arguments.of(7, 7, 7, false, false, 1, 0.0),
                Arguments.of(33, 17, 65, true, false, 1, 1.0),
                Arguments.of(257, 33, 19, false, true, 1, 0.5),
                Arguments.of(13, 129, 300, true, true, 3, 0.0),
                Arguments.of(64, 48, 0, false, false, 2, 0.5),
                // few rows of a row-major A and B: B read in place, its last partial panel packed
                Arguments.of(40, 100, 50, false, false, 2, 0.5),
                Arguments.of(100, 37, 70, false, false, 1, 1.0),
                // A row-major, B transposed, fewer rows than columns: computed as Cᵀ = Bᵀ·Aᵀ
                Arguments.of(20, 70, 45, false, true, 2, 0.5),
                Arguments.of(6, 200, 9, false, true, 1, 1.0),
                // A transposed, few columns: Cᵀ = Bᵀ·Aᵀ as well
                Arguments.of(90, 5, 40, true, false, 2, 0.5),
                Arguments.of(100, 257, 97, false, false, 2, 0.0));
    }

    private record Case(int m, int n, int k, boolean ta, boolean tb, int batches, double beta, double[] a, double[] b,
            double[] c, int lda, int ldb, int ldc, int off) {

        static Case random(int m, int n, int k, boolean ta, boolean tb, int batches, double beta) {
            Random rnd = new Random(m * 31L + n * 7L + k);
            int lda = (ta ? m : k) + 3;
            int ldb = (tb ? k : n) + 2;
            int ldc = n + 5;
            int off = 11;
            return new Case(m, n, k, ta, tb, batches, beta, fill(rnd, off + batches * (ta ? k : m) * lda),
                    fill(rnd, off + batches * (tb ? n : k) * ldb), fill(rnd, off + batches * m * ldc), lda, ldb, ldc, off);
        }

        MatrixStrides as() {
            return ta ? MatrixStrides.transposed(lda) : MatrixStrides.rowMajor(lda);
        }

        MatrixStrides bs() {
            return tb ? MatrixStrides.transposed(ldb) : MatrixStrides.rowMajor(ldb);
        }

        int[] offsets(int per) {
            int[] o = new int[batches];
            for (int i = 0; i < batches; i++) {
                o[i] = off + i * per;
            }
            return o;
        }

        int[] aOffsets() {
            return offsets((ta ? k : m) * lda);
        }

        int[] bOffsets() {
            return offsets((tb ? n : k) * ldb);
        }

        int[] cOffsets() {
            return offsets(m * ldc);
        }

        /** The float64 reference result over the whole C array (cells outside the tiles unchanged). */
        double[] expected() {
            double[] out = c.clone();
            MatrixStrides sa = as();
            MatrixStrides sb = bs();
            for (int t = 0; t < batches; t++) {
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int p = 0; p < k; p++) {
                            s += a[aOffsets()[t] + i * sa.row() + p * sa.col()] * b[bOffsets()[t] + p * sb.row()
                                    + j * sb.col()];
                        }
                        int at = cOffsets()[t] + i * ldc + j;
                        out[at] = s + beta * c[at];
                    }
                }
            }
            return out;
        }
    }

    private static double[] fill(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return v;
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static void runSgemm(GemmMicroKernel<float[]> kernel, Case t, boolean parallel) {
        float[] c = toFloat(t.c);
        Sgemm.multiplyBatched(kernel, t.batches, t.m, t.n, t.k, toFloat(t.a), t.aOffsets(), t.as(), toFloat(t.b),
                t.bOffsets(), t.bs(), (float) t.beta, c, t.cOffsets(), t.ldc, parallel);
        double[] want = t.expected();
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], c[i], 1e-5 * (t.k + 1), "sgemm element " + i);
        }
    }

    private static void runDgemm(GemmMicroKernel<double[]> kernel, Case t, boolean parallel) {
        double[] c = t.c.clone();
        Dgemm.multiplyBatched(kernel, t.batches, t.m, t.n, t.k, t.a, t.aOffsets(), t.as(), t.b, t.bOffsets(), t.bs(),
                t.beta, c, t.cOffsets(), t.ldc, parallel);
        double[] want = t.expected();
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], c[i], 1e-12 * (t.k + 1), "dgemm element " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void activeFloatKernelMatchesReference(int m, int n, int k, boolean ta, boolean tb, int batches, double beta) {
        runSgemm(Simd.sgemm(), Case.random(m, n, k, ta, tb, batches, beta), true);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void scalarFloatKernelWithTinyBlocksMatchesReference(int m, int n, int k, boolean ta, boolean tb, int batches,
            double beta) {
        runSgemm(new ScalarSgemmKernel(SMALL), Case.random(m, n, k, ta, tb, batches, beta), false);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void activeDoubleKernelMatchesReference(int m, int n, int k, boolean ta, boolean tb, int batches, double beta) {
        runDgemm(Simd.dgemm(), Case.random(m, n, k, ta, tb, batches, beta), true);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void scalarDoubleKernelMatchesReference(int m, int n, int k, boolean ta, boolean tb, int batches, double beta) {
        runDgemm(new ScalarDgemmKernel(new Blocking(6, 8, 12, 8, 16)), Case.random(m, n, k, ta, tb, batches, beta),
                true);
    }

    @Test
    void simdIsActiveWhenTheModuleIsPresent() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        assertEquals(true, Simd.enabled());
        assertEquals(VectorSgemmKernel.class, Simd.sgemm().getClass());
        assertEquals(VectorDgemmKernel.class, Simd.dgemm().getClass());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void vectorDoubleKernelMatchesReference(int m, int n, int k, boolean ta, boolean tb, int batches, double beta) {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        runDgemm(new VectorDgemmKernel(), Case.random(m, n, k, ta, tb, batches, beta), false);
    }

    @Test
    void rejectsBadArguments() {
        var e = assertThrows(IllegalArgumentException.class, () -> Sgemm.multiply(2, 3, 4, new float[8], 0,
                MatrixStrides.rowMajor(4), new float[12], 0, MatrixStrides.rowMajor(3), 0f, new float[6], 0, 2));
        assertEquals("sgemm: ldc=2 is smaller than n=3", e.getMessage());
    }
}
