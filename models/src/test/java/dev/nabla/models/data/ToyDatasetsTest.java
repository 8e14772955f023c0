package dev.nabla.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Checks the toy sets against the curves they are defined on. */
class ToyDatasetsTest {

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        assertArrayEquals(ToyDatasets.moons(100, 0.1, 5).xy(), ToyDatasets.moons(100, 0.1, 5).xy());
        assertArrayEquals(ToyDatasets.blobs(100, 3, 1, 5).xy(), ToyDatasets.blobs(100, 3, 1, 5).xy());
        assertFalse(Arrays.equals(ToyDatasets.spirals(100, 3, 0.1, 5).xy(), ToyDatasets.spirals(100, 3, 0.1, 6).xy()));
    }

    @Test
    void moonsWithoutNoiseLieOnTheirHalfCircles() {
        ToyDatasets.Points moons = ToyDatasets.moons(1000, 0, 1);
        assertShapeAndBalance(moons, 1000, 2);
        for (int i = 0; i < moons.count(); i++) {
            double x = moons.xy()[2 * i];
            double y = moons.xy()[2 * i + 1];
            if (moons.labels()[i] == 0) {
                assertEquals(1, Math.hypot(x, y), 1e-6);
                assertTrue(y >= -1e-6);
            } else {
                assertEquals(1, Math.hypot(x - 1, y - 0.5), 1e-6);
                assertTrue(y <= 0.5 + 1e-6);
            }
        }
    }

    @Test
    void circlesHaveTheirRadii() {
        ToyDatasets.Points circles = ToyDatasets.circles(999, 0, 0.4, 2);
        assertShapeAndBalance(circles, 999, 2);
        for (int i = 0; i < circles.count(); i++) {
            double r = Math.hypot(circles.xy()[2 * i], circles.xy()[2 * i + 1]);
            assertEquals(circles.labels()[i] == 0 ? 1.0 : 0.4, r, 1e-6);
        }
        assertThrows(IllegalArgumentException.class, () -> ToyDatasets.circles(10, 0, 1.0, 2));
    }

    @Test
    void spiralArmsFollowTheirAngles() {
        int arms = 3;
        ToyDatasets.Points spirals = ToyDatasets.spirals(900, arms, 0, 3);
        assertShapeAndBalance(spirals, 900, arms);
        for (int i = 0; i < spirals.count(); i++) {
            double x = spirals.xy()[2 * i];
            double y = spirals.xy()[2 * i + 1];
            double r = Math.hypot(x, y);
            double expected = 4 * r + 2 * Math.PI * spirals.labels()[i] / arms;
            assertTrue(r <= 1 + 1e-6);
            // Compare angles through their sine and cosine to avoid wrap-around.
            assertEquals(r * Math.cos(expected), x, 1e-5);
            assertEquals(r * Math.sin(expected), y, 1e-5);
        }
    }

    @Test
    void blobsHaveTheRequestedSpread() {
        double std = 0.5;
        ToyDatasets.Points blobs = ToyDatasets.blobs(20000, 4, std, 4);
        assertShapeAndBalance(blobs, 20000, 4);
        for (int k = 0; k < 4; k++) {
            double[] sum = new double[2];
            double[] sumSq = new double[2];
            int n = 0;
            for (int i = 0; i < blobs.count(); i++) {
                if (blobs.labels()[i] == k) {
                    n++;
                    for (int d = 0; d < 2; d++) {
                        double v = blobs.xy()[2 * i + d];
                        sum[d] += v;
                        sumSq[d] += v * v;
                    }
                }
            }
            for (int d = 0; d < 2; d++) {
                double mean = sum[d] / n;
                double sampleStd = Math.sqrt(sumSq[d] / n - mean * mean);
                assertEquals(std, sampleStd, 0.03, "blob " + k + " axis " + d);
                assertTrue(Math.abs(mean) <= 10.1);
            }
        }
    }

    @Test
    void swissRollRadiusIsTOverTen() {
        ToyDatasets.CurvePoints roll = ToyDatasets.swissRoll(500, 0, 7);
        assertEquals(1000, roll.xy().length);
        for (int i = 0; i < roll.count(); i++) {
            double t = roll.position()[i];
            assertTrue(t >= 1.5 * Math.PI - 1e-5 && t <= 4.5 * Math.PI + 1e-5);
            assertEquals(t / 10, Math.hypot(roll.xy()[2 * i], roll.xy()[2 * i + 1]), 1e-5);
        }
    }

    @Test
    void noiseMovesPointsOffTheCurveByAboutItsStd() {
        ToyDatasets.Points noisy = ToyDatasets.circles(20000, 0.05, 0.5, 8);
        double sumSq = 0;
        for (int i = 0; i < noisy.count(); i++) {
            double r = Math.hypot(noisy.xy()[2 * i], noisy.xy()[2 * i + 1]);
            double offset = r - (noisy.labels()[i] == 0 ? 1 : 0.5);
            sumSq += offset * offset;
        }
        // The radial part of isotropic 2-D noise has the per-axis standard deviation.
        assertEquals(0.05, Math.sqrt(sumSq / noisy.count()), 0.003);
        assertThrows(IllegalArgumentException.class, () -> ToyDatasets.moons(10, -1, 0));
    }

    private static void assertShapeAndBalance(ToyDatasets.Points points, int n, int classes) {
        assertEquals(2 * n, points.xy().length);
        assertEquals(n, points.count());
        assertEquals(classes, points.classes());
        int[] counts = new int[classes];
        for (int label : points.labels()) {
            counts[label]++;
        }
        for (int count : counts) {
            assertTrue(Math.abs(count - n / (double) classes) <= 1, "counts " + Arrays.toString(counts));
        }
    }
}
