package dev.nabla.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsPlotTest {

    @TempDir
    Path dir;

    private static List<EpochRecord> history() {
        Map<String, Double> first = new LinkedHashMap<>();
        first.put("test_accuracy", 0.5);
        first.put("test_loss", 1.1);
        first.put("lr", 0.1);
        Map<String, Double> second = new LinkedHashMap<>(first);
        second.put("test_accuracy", 0.75);
        second.put("test_loss", 0.6);
        return List.of(new EpochRecord(1, 0.9, first, 1.0), new EpochRecord(2, 0.4, second, 2.0));
    }

    @Test
    void lossAndAccuracyColumnsGoToTheirAxes() {
        List<Object> seen = new ArrayList<>();
        MetricsPlot.write(history(), dir.resolve("loss.png"), "m", (png, title, epochs, losses, accuracies) -> {
            seen.add(epochs);
            assertEquals(List.of("train_loss", "test_loss"), List.copyOf(losses.keySet()));
            assertArrayEquals(new double[] {0.9, 0.4}, losses.get("train_loss"));
            assertArrayEquals(new double[] {1.1, 0.6}, losses.get("test_loss"));
            assertEquals(List.of("test_accuracy"), List.copyOf(accuracies.keySet()), "lr is on neither axis");
            assertArrayEquals(new double[] {0.5, 0.75}, accuracies.get("test_accuracy"));
        }, warning -> { });
        assertArrayEquals(new double[] {1, 2}, (double[]) seen.get(0));
    }

    @Test
    void aJdkThatCannotRenderTextSkipsThePlotWithOneWarning() {
        List<String> warnings = new ArrayList<>();
        MetricsPlot.write(history(), dir.resolve("loss.png"), "m", (png, title, epochs, losses, accuracies) -> {
            throw new UnsupportedOperationException("LearningCurves: this JDK cannot render text");
        }, warnings::add);
        assertFalse(Files.exists(dir.resolve("loss.png")));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("train: not drawing loss.png: LearningCurves: this JDK cannot render text")
                && warnings.get(0).endsWith("metrics.csv has the numbers"), warnings.get(0));
    }

    @Test
    void anUnwritablePlotIsStillAnError() {
        assertThrows(UncheckedIOException.class, () -> MetricsPlot.write(history(), dir.resolve("loss.png"), "m",
                (png, title, epochs, losses, accuracies) -> {
                    throw new IOException("disk full");
                }, warning -> { }));
    }

    @Test
    void theCsvHasAHeaderAndOneRowPerEpochWithExactLosses() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        MetricsCsv.write(csv, history());
        assertEquals(List.of("epoch,train_loss,test_accuracy,test_loss,lr,seconds", "1,0.9,0.5,1.1,0.1,1.0",
                "2,0.4,0.75,0.6,0.1,2.0"), Files.readAllLines(csv));
        MetricsCsv.write(csv, List.of());
        assertFalse(Files.exists(csv), "no finished epoch, no metrics.csv");
    }
}
