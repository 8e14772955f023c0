package dev.nabla.cpu.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.cpu.Parallel;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The matrix-vector kernel against a plain double loop on odd sizes, with row-major, transposed
 * (the {@code Xᵀr} form, summed in chunks) and general strides, offsets and a strided vector, on one
 * thread and on the pool.
 */
class DgemvTest {

    /** m, k, layout (0 row-major, 1 transposed, 2 general), vector stride. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(1, 1, 0, 1),
                Arguments.of(7, 3, 0, 1),
                Arguments.of(5000, 50, 0, 1),
                Arguments.of(50, 9001, 1, 1),
                Arguments.of(13, 17, 1, 3),
                Arguments.of(33, 65, 2, 2),
                Arguments.of(3000, 5, 0, 4));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesAPlainLoop(int m, int k, int layout, int xs) {
        Random rnd = new Random(m * 31L + k);
        int off = 7;
        MatrixStrides as = switch (layout) {
            case 0 -> MatrixStrides.rowMajor(k + 2);
            case 1 -> MatrixStrides.transposed(m + 3);
            default -> new MatrixStrides(2 * k + 1, 2);
        };
        int size = off + (m - 1) * as.row() + (k - 1) * as.col() + 1;
        double[] a = rnd.doubles(size, -1, 1).toArray();
        double[] x = rnd.doubles(off + (k - 1) * xs + 1, -1, 1).toArray();
        double[] want = new double[m];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                want[i] += a[off + i * as.row() + p * as.col()] * x[off + p * xs];
            }
        }
        double[] single = null;
        for (int threads : new int[] {1, 2}) {
            int before = Parallel.threads();
            Parallel.setThreads(threads);
            try {
                double[] y = new double[m + 5];
                Dgemv.multiply(m, k, a, off, as, x, off, xs, y, 5);
                for (int i = 0; i < m; i++) {
                    assertEquals(want[i], y[5 + i], 1e-12 * (k + 1), "row " + i + ", " + threads + " threads");
                }
                // the same bits whatever the thread count
                if (single != null) {
                    assertArrayEquals(single, y);
                }
                single = y;
            } finally {
                Parallel.setThreads(before);
            }
        }
    }
}
