package dev.nabla.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCurvesTest {

    @TempDir
    Path dir;

    @Test
    void writesAPngWithLossAndAccuracyCurves() throws IOException {
        double[] epochs = {1, 2, 3, 4, 5, 6};
        Map<String, double[]> losses = new LinkedHashMap<>();
        losses.put("train loss", new double[] {2.3, 1.4, 0.9, 0.7, 0.6, 0.55});
        losses.put("val loss", new double[] {2.2, 1.5, 1.1, 0.95, 0.9, 0.92});
        Map<String, double[]> acc = Map.of("val accuracy", new double[] {0.2, 0.55, 0.7, 0.76, 0.79, 0.8});
        Path png = dir.resolve("curves.png");
        LearningCurves.writePng(png, "training", epochs, losses, acc);

        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(900, img.getWidth());
        assertEquals(540, img.getHeight());
        long distinct = java.util.stream.IntStream.range(0, 900 * 540)
                .map(i -> img.getRGB(i % 900, i / 900)).distinct().count();
        assertTrue(distinct > 10, "the chart should have axes, text and coloured series, got " + distinct + " colours");
    }

    @Test
    void mismatchedSeriesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LearningCurves.writePng(dir.resolve("x.png"), "t",
                new double[] {1, 2}, Map.of("loss", new double[] {1}), Map.of()));
    }
}
