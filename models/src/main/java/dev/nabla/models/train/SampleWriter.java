package dev.nabla.models.train;

import dev.nabla.models.data.ImageGrid;
import dev.nabla.models.data.PngFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * Writes samples as a PNG: images as a grid, 2-D points as a scatter plot. The file is written
 * atomically ({@link PngFile}), so a failed write leaves no partial file.
 */
public final class SampleWriter {

    private static final int COLUMNS = 8;

    private SampleWriter() {
    }

    /**
     * Writes {@code samples} to {@code file}.
     *
     * @throws IllegalArgumentException for text samples, which have no picture
     * @throws UncheckedIOException with one line saying why when the file cannot be written
     */
    public static void write(Path file, Samples samples) {
        if (!samples.isImages() && !samples.isPoints()) {
            throw new IllegalArgumentException("sample: text samples cannot be drawn as " + file);
        }
        try {
            if (samples.isImages()) {
                PngFile.write(file, ImageGrid.render(samples.images(), samples.side(), samples.count(),
                        Math.min(COLUMNS, samples.count())));
            } else {
                LearningCurves.writeChart(file, scatter(samples.points()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("sample: cannot write " + file + ": " + e.getClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static XYChart scatter(float[] xy) {
        int n = xy.length / 2;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xy[2 * i];
            y[i] = xy[2 * i + 1];
        }
        XYChart chart = new XYChartBuilder().width(600).height(600).title(n + " samples").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("samples", x, y);
        return chart;
    }
}
