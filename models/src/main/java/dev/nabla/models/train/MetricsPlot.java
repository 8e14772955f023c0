package dev.nabla.models.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws {@code loss.png} from a run's history (the checkpoint's, so a resumed run plots all its
 * epochs): the training loss and every metric named {@code *loss*} on the loss axis, every
 * {@code *accuracy*} metric on the accuracy axis, against the epoch. A JDK that cannot draw text (no
 * font files or font libraries, as on bare GPU servers) skips the plot with one warning: the run and
 * its {@code metrics.csv} go on.
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

    static void write(List<EpochRecord> history, Path png, String title) {
        write(history, png, title, LearningCurves::writePng, warning -> {
            if (!WARNED.getAndSet(true)) {
                LOG.warn(warning);
            }
        });
    }

    /**
     * @param warnings receives the one-line warning when the JDK cannot draw
     */
    static void write(List<EpochRecord> history, Path png, String title, Drawer drawer, Consumer<String> warnings) {
        if (history.isEmpty()) {
            return;
        }
        int n = history.size();
        double[] epochs = new double[n];
        double[] trainLoss = new double[n];
        Map<String, double[]> losses = new LinkedHashMap<>();
        Map<String, double[]> accuracies = new LinkedHashMap<>();
        Map<String, double[]> drawnMetrics = new LinkedHashMap<>();
        losses.put("train_loss", trainLoss);
        for (String name : history.get(0).metrics().keySet()) {
            if (name.contains("loss") || name.contains("accuracy")) {
                double[] values = new double[n];
                drawnMetrics.put(name, values);
                (name.contains("loss") ? losses : accuracies).put(name, values);
            }
        }
        for (int i = 0; i < n; i++) {
            EpochRecord r = history.get(i);
            epochs[i] = r.epoch();
            trainLoss[i] = r.trainLoss();
            for (Map.Entry<String, double[]> e : drawnMetrics.entrySet()) {
                e.getValue()[i] = r.metrics().getOrDefault(e.getKey(), Double.NaN);
            }
        }
        try {
            drawer.draw(png, title, epochs, losses, accuracies);
        } catch (IOException e) {
            throw new UncheckedIOException("train: cannot draw " + png + ": " + e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            warnings.accept("train: not drawing " + png.getFileName() + ": " + e.getMessage() + "; "
                    + TrainingLoop.METRICS + " has the numbers");
        }
    }
}
