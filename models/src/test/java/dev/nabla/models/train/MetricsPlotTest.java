package dev.nabla.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsPlotTest {

    @TempDir
    Path dir;

    private Path csv() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        Files.writeString(csv, "epoch,train_loss,test_accuracy,lr\n1,0.9,0.5,0.1\n2,0.4,,0.1\n", StandardCharsets.UTF_8);
        return csv;
    }

    @Test
    void lossAndAccuracyColumnsGoToTheirAxes() throws IOException {
        List<Object> seen = new ArrayList<>();
        MetricsPlot.write(csv(), dir.resolve("loss.png"), "m", (png, title, epochs, losses, accuracies) -> {
            seen.add(epochs);
            assertEquals(List.of("train_loss"), List.copyOf(losses.keySet()));
            assertArrayEquals(new double[] {0.9, 0.4}, losses.get("train_loss"));
            assertArrayEquals(new double[] {0.5, Double.NaN}, accuracies.get("test_accuracy"), "an empty cell is NaN");
        });
        assertArrayEquals(new double[] {1, 2}, (double[]) seen.get(0));
    }

    @Test
    void aJdkThatCannotRenderTextSkipsThePlotAndKeepsTheCsv() throws IOException {
        Path csv = csv();
        String before = Files.readString(csv);
        MetricsPlot.write(csv, dir.resolve("loss.png"), "m", (png, title, epochs, losses, accuracies) -> {
            throw new UnsupportedOperationException("LearningCurves.writePng: this JDK cannot render text");
        });
        assertEquals(before, Files.readString(csv));
        assertFalse(Files.exists(dir.resolve("loss.png")));
    }

    @Test
    void anUnwritablePlotIsStillAnError() throws IOException {
        Path csv = csv();
        assertThrows(UncheckedIOException.class, () -> MetricsPlot.write(csv, dir.resolve("loss.png"), "m",
                (png, title, epochs, losses, accuracies) -> {
                    throw new IOException("disk full");
                }));
    }
}
