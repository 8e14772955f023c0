package dev.nabla.cpu.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both implicit-GEMM tiles (scalar, and the one the JVM under test loads) against a float64 sum over the offset tables. */
class ImplicitTileTest {

    @Test
    void aTileSumsSourceValuesReadThroughRowAndColumnOffsetsAgainstThePanel() {
        Random r = new Random(7);
        float[] src = new float[500];
        for (int i = 0; i < src.length; i++) {
            src[i] = r.nextFloat() * 2 - 1;
        }
        int[] rows = {-1, 3, 40, 41, 200, 17, 17};
        int[] cols = {5, 0, 90, 13, 250, 7, 7, 64, 1};
        int p0 = 2;
        int p1 = cols.length;
        int at = 11;
        float[] panel = new float[at + (p1 - p0) * ImplicitTile.COLS];
        for (int i = 0; i < panel.length; i++) {
            panel[i] = r.nextFloat() * 2 - 1;
        }
        for (ImplicitTile kernel : List.of(new ScalarImplicitTile(), Simd.implicitTile())) {
            float[] out = new float[ImplicitTile.ROWS * ImplicitTile.COLS];
            java.util.Arrays.fill(out, Float.NaN);
            kernel.tile(src, rows, 1, cols, p0, p1, panel, at, out);
            for (int i = 0; i < ImplicitTile.ROWS; i++) {
                for (int j = 0; j < ImplicitTile.COLS; j++) {
                    double want = 0;
                    for (int p = p0; p < p1; p++) {
                        want += (double) src[rows[1 + i] + cols[p]] * panel[at + (p - p0) * ImplicitTile.COLS + j];
                    }
                    assertEquals(want, out[i * ImplicitTile.COLS + j], 1e-5,
                            kernel.getClass().getSimpleName() + " row " + i + " column " + j);
                }
            }
        }
    }

    @Test
    void anEmptyDepthRangeGivesZeros() {
        for (ImplicitTile kernel : List.of(new ScalarImplicitTile(), Simd.implicitTile())) {
            float[] out = new float[ImplicitTile.ROWS * ImplicitTile.COLS];
            java.util.Arrays.fill(out, 3f);
            kernel.tile(new float[1], new int[6], 0, new int[0], 0, 0, new float[0], 0, out);
            for (float v : out) {
                assertEquals(0f, v);
            }
        }
    }
}
