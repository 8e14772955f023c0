package dev.nabla.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.io.MnistLoader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the synthetic digits for determinism, ranges, centring and learnable variety. */
class DigitsDatasetTest {

    private static final int PIXELS = DigitsDataset.SIZE * DigitsDataset.SIZE;
    private static DigitsDataset.Split split;

    @BeforeAll
    static void render() {
        split = DigitsDataset.trainTest(200, 50, 2024);
    }

    @Test
    void sameSeedGivesSameImagesAndOtherSeedsDiffer() {
        DigitsDataset.Digits a = DigitsDataset.generate(5, 11);
        DigitsDataset.Digits b = DigitsDataset.generate(5, 11);
        DigitsDataset.Digits c = DigitsDataset.generate(5, 12);
        assertArrayEquals(a.images(), b.images());
        assertArrayEquals(a.labels(), b.labels());
        assertFalse(Arrays.equals(a.images(), c.images()));
    }

    @Test
    void shapesRangesAndBalance() {
        DigitsDataset.Digits train = split.train();
        assertEquals(2000, train.count());
        assertEquals(2000 * PIXELS, train.images().length);
        assertEquals(500, split.test().count());
        for (float v : train.images()) {
            assertTrue(v >= 0f && v <= 1f, "pixel " + v);
        }
        int[] perClass = new int[10];
        for (int label : train.labels()) {
            perClass[label]++;
        }
        int[] expected = new int[10];
        Arrays.fill(expected, 200);
        assertArrayEquals(expected, perClass);
    }

    @Test
    void everyImageHasAStrokeCentredByMass() {
        DigitsDataset.Digits train = split.train();
        for (int n = 0; n < train.count(); n++) {
            double ink = 0;
            double sumX = 0;
            double sumY = 0;
            float max = 0;
            for (int i = 0; i < PIXELS; i++) {
                float v = train.images()[n * PIXELS + i];
                max = Math.max(max, v);
                if (v > 0.3f) { // ignore the background noise
                    ink += v;
                    sumX += v * (i % 28 + 0.5);
                    sumY += v * (i / 28 + 0.5);
                }
            }
            assertTrue(max > 0.9f && ink > 20, "image " + n + " looks blank: ink " + ink);
            // Centre of mass at 14 plus the random shift of at most 3 px, and a little for the noise threshold.
            assertEquals(14, sumX / ink, 3.6, "image " + n + " x centre");
            assertEquals(14, sumY / ink, 3.6, "image " + n + " y centre");
        }
    }

    @Test
    void classMeansDifferAndNearestMeanBeatsChanceButIsNotPerfect() {
        double[][] means = classMeans(split.train());
        for (int a = 0; a < 10; a++) {
            for (int b = a + 1; b < 10; b++) {
                assertTrue(distance(means[a], means[b]) > 1.0, "means of " + a + " and " + b + " too close");
            }
        }
        DigitsDataset.Digits test = split.test();
        int correct = 0;
        for (int n = 0; n < test.count(); n++) {
            double[] image = new double[PIXELS];
            for (int i = 0; i < PIXELS; i++) {
                image[i] = test.images()[n * PIXELS + i];
            }
            int best = 0;
            for (int k = 1; k < 10; k++) {
                if (distance(image, means[k]) < distance(image, means[best])) {
                    best = k;
                }
            }
            correct += best == test.labels()[n] ? 1 : 0;
        }
        double accuracy = correct / (double) test.count();
        assertTrue(accuracy > 0.4 && accuracy < 0.95, "nearest-mean accuracy " + accuracy);
    }

    @Test
    void writesAReadablePngGrid(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("digits.png");
        DigitsDataset.Digits digits = split.test();
        DigitsDataset.writePngGrid(file, digits, 25, 10);
        BufferedImage png = ImageIO.read(file.toFile());
        assertEquals(280, png.getWidth());
        assertEquals(84, png.getHeight());
        // Image 12 sits in grid row 1, column 2; compare one of its pixels.
        int x = 2 * 28 + 9;
        int y = 28 + 13;
        assertEquals(Math.round(digits.images()[12 * PIXELS + 13 * 28 + 9] * 255), png.getRaster().getSample(x, y, 0));
        assertThrows(IllegalArgumentException.class, () -> DigitsDataset.writePngGrid(file, digits, 501, 10));
    }

    @Test
    void exportsAsIdxThatTheMnistLoaderReadsBack(@TempDir Path dir) {
        DigitsDataset.Split small = DigitsDataset.trainTest(3, 2, 77);
        DigitsDataset.writeIdx(dir, small);
        MnistLoader.Mnist mnist = MnistLoader.load(dir);
        assertArrayEquals(small.train().labels(), mnist.train().labels());
        assertArrayEquals(small.test().labels(), mnist.test().labels());
        assertEquals(28, mnist.train().rows());
        float[] original = small.test().images();
        float[] loaded = mnist.test().images();
        assertEquals(original.length, loaded.length);
        for (int i = 0; i < original.length; i++) {
            assertEquals(original[i], loaded[i], 0.5f / 255 + 1e-6f, "pixel " + i);
        }
    }

    @Test
    void rejectsNonPositiveCounts() {
        assertThrows(IllegalArgumentException.class, () -> DigitsDataset.generate(0, 1));
    }

    private static double[][] classMeans(DigitsDataset.Digits digits) {
        double[][] means = new double[10][PIXELS];
        int[] counts = new int[10];
        for (int n = 0; n < digits.count(); n++) {
            int label = digits.labels()[n];
            counts[label]++;
            for (int i = 0; i < PIXELS; i++) {
                means[label][i] += digits.images()[n * PIXELS + i];
            }
        }
        for (int k = 0; k < 10; k++) {
            for (int i = 0; i < PIXELS; i++) {
                means[k][i] /= counts[k];
            }
        }
        return means;
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }
}
