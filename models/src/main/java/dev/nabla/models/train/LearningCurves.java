package dev.nabla.models.train;

import dev.nabla.models.data.PngFile;
import java.awt.AWTError;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes training curves as a PNG with XChart: loss series on the left axis and, optionally,
 * accuracy series on the right axis, against the epoch. The chart is drawn into an image in memory,
 * which needs no display; whether AWT runs headless is the application's choice (the {@code nabla}
 * program makes it), never changed here.
 */
public final class LearningCurves {

    private LearningCurves() {
    }

    /**
     * Plots {@code losses} (left axis) and {@code accuracies} (right axis) against {@code epochs}.
     *
     * @param epochs the x values
     * @param losses series name → values, each as long as {@code epochs}
     * @param accuracies series name → values (may be empty)
     * @throws UnsupportedOperationException when this JDK cannot render text (no font files or font
     *     libraries, as on bare servers); nothing is written then
     */
    public static void writePng(Path file, String title, double[] epochs, Map<String, double[]> losses,
            Map<String, double[]> accuracies) throws IOException {
        if (losses.isEmpty() || epochs.length == 0) {
            throw new IllegalArgumentException("LearningCurves.writePng: need at least one loss series and one epoch");
        }
        XYChart chart = new XYChartBuilder().width(900).height(540).title(title).xAxisTitle("epoch").yAxisTitle("loss")
                .build();
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        addSeries(chart, epochs, losses, 0);
        addSeries(chart, epochs, accuracies, 1);
        if (!accuracies.isEmpty()) {
            chart.setYAxisGroupTitle(1, "accuracy");
        }
        writeChart(file, chart);
    }

    /**
     * Draws {@code chart} into {@code file} as a PNG.
     *
     * @throws UnsupportedOperationException when this JDK cannot render text; nothing is written then
     */
    static void writeChart(Path file, XYChart chart) throws IOException {
        BufferedImage image;
        try {
            image = BitmapEncoder.getBufferedImage(chart);
        } catch (LinkageError | AWTError | InternalError e) {
            // the JDK's font manager fails in these three ways when fonts or their native libraries are missing
            throw new UnsupportedOperationException("LearningCurves: this JDK cannot render text for " + file
                    + " (" + e + "); install fonts and fontconfig", e);
        }
        PngFile.write(file, image);
    }

    private static void addSeries(XYChart chart, double[] epochs, Map<String, double[]> series, int axisGroup) {
        series.forEach((label, values) -> {
            if (values.length != epochs.length) {
                throw new IllegalArgumentException("LearningCurves.writePng: series '" + label + "' has " + values.length
                        + " values for " + epochs.length + " epochs");
            }
            XYSeries s = chart.addSeries(label, epochs, values);
            s.setYAxisGroup(axisGroup);
            s.setMarker(SeriesMarkers.CIRCLE);
        });
    }
}
