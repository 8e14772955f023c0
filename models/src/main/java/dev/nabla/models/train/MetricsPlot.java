package dev.nabla.models.train;

import dev.nabla.train.LearningCurves;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws {@code loss.png} from {@code metrics.csv}: every column named {@code *loss*} on the loss
 * axis and every {@code *accuracy*} column on the accuracy axis, against the epoch. Reading the CSV
 * back (rather than keeping values in memory) puts the whole history of a resumed run in the plot.
 * A JDK that cannot draw text (no font files or font libraries, as on bare GPU servers) skips the
 * plot with one warning: the run and its {@code metrics.csv} go on.
 */
final class MetricsPlot {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsPlot.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    /** Draws the curves ({@link LearningCurves#writePng} outside tests); UnsupportedOperationException: cannot. */
    interface Drawer {
        void draw(Path png, String title, double[] epochs, Map<String, double[]> losses, Map<String, double[]> accuracies)
                throws IOException;
    }

    private MetricsPlot() {
    }

    static void write(Path csv, Path png, String title) {
        write(csv, png, title, LearningCurves::writePng);
    }

    static void write(Path csv, Path png, String title, Drawer drawer) {
        try {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            if (lines.size() < 2) {
                return;
            }
            String[] header = lines.get(0).split(",", -1);
            int rows = lines.size() - 1;
            double[][] columns = new double[header.length][rows];
            for (int r = 0; r < rows; r++) {
                String[] cells = lines.get(r + 1).split(",", -1);
                for (int c = 0; c < header.length; c++) {
                    columns[c][r] = c < cells.length ? parse(cells[c]) : Double.NaN;
                }
            }
            Map<String, double[]> losses = new LinkedHashMap<>();
            Map<String, double[]> accuracies = new LinkedHashMap<>();
            for (int c = 1; c < header.length; c++) {
                if (header[c].contains("loss")) {
                    losses.put(header[c], columns[c]);
                } else if (header[c].contains("accuracy")) {
                    accuracies.put(header[c], columns[c]);
                }
            }
            if (!losses.isEmpty()) {
                drawer.draw(png, title, columns[0], losses, accuracies);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("train: cannot draw " + png + ": " + e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            if (!WARNED.getAndSet(true)) {
                LOG.warn("train: not drawing {}: {}; {} has the numbers", png.getFileName(), e.getMessage(),
                        csv.getFileName());
            }
        }
    }

    private static double parse(String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
