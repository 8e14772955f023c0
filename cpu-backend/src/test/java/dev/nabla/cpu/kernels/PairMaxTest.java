package dev.nabla.cpu.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The 2 × 2 max-pool row kernels (scalar, and the one the JVM under test loads) against a direct
 * reading of each window in order: first maximum on ties, the first NaN wins, at row widths around the
 * vector width, odd input widths and an offset plane.
 */
class PairMaxTest {

    private static final float[] SPECIAL = {Float.NaN, -0f, 0f, 1f, 1f, -1f, Float.NEGATIVE_INFINITY,
            Float.POSITIVE_INFINITY, 2f};

    @Test
    void eachWindowGivesItsFirstMaximumOrFirstNanAndWhereItIs() {
        Random r = new Random(11);
        for (PairMax kernel : List.of(new ScalarPairMax(), Simd.pairMax())) {
            for (int ow : new int[] {1, 7, 8, 9, 17}) {
                for (int w : new int[] {2 * ow, 2 * ow + 1}) {
                    int start = 3;
                    float[] x = new float[start + 2 * w];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = r.nextInt(3) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : r.nextInt(4);
                    }
                    float[] y = new float[ow + 2];
                    long[] idx = new long[ow + 2];
                    int topIndex = 40;
                    kernel.row(x, start, w, topIndex, y, idx, 2, ow);
                    for (int j = 0; j < ow; j++) {
                        int[] cells = {2 * j, 2 * j + 1, w + 2 * j, w + 2 * j + 1};
                        int where = cells[0];
                        float best = x[start + where];
                        for (int c = 1; c < 4; c++) {
                            float v = x[start + cells[c]];
                            if (v > best || (v != v && best == best)) {
                                best = v;
                                where = cells[c];
                            }
                        }
                        String what = kernel.getClass().getSimpleName() + " ow=" + ow + " w=" + w + " window " + j;
                        assertEquals(Float.floatToRawIntBits(best), Float.floatToRawIntBits(y[2 + j]), what);
                        assertEquals(topIndex + where, idx[2 + j], what + " index");
                    }
                }
            }
        }
    }

    @Test
    void ofTwoNansInAWindowTheFirstWins() {
        int[][] pairs = {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}};
        int ow = 12;
        int w = 2 * ow;
        for (PairMax kernel : List.of(new ScalarPairMax(), Simd.pairMax())) {
            float[] x = new float[2 * w];
            for (int j = 0; j < ow; j++) {
                int[] cells = {2 * j, 2 * j + 1, w + 2 * j, w + 2 * j + 1};
                for (int c : cells) {
                    x[c] = 5f;
                }
                x[cells[pairs[j % 6][0]]] = Float.NaN;
                x[cells[pairs[j % 6][1]]] = Float.NaN;
            }
            float[] y = new float[ow];
            long[] idx = new long[ow];
            kernel.row(x, 0, w, 0, y, idx, 0, ow);
            for (int j = 0; j < ow; j++) {
                int[] cells = {2 * j, 2 * j + 1, w + 2 * j, w + 2 * j + 1};
                String what = kernel.getClass().getSimpleName() + " window " + j;
                assertEquals(Float.NaN, y[j], what);
                assertEquals(cells[pairs[j % 6][0]], idx[j], what + " index");
            }
        }
    }
}
