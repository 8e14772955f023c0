package dev.nabla.models.train;

import dev.nabla.models.data.ImageGrid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * Writes samples as a PNG: images as a grid, 2-D points as a scatter plot. The picture is drawn
 * into a hidden temporary file that is renamed into place, so a failed write leaves no partial file.
 */
public final class SampleWriter {

    private static final int COLUMNS = 8;

    private SampleWriter() {
    }

    /**
     * Writes {@code samples} to {@code file}.
     *
     * @throws IllegalArgumentException for text samples, which have no picture
     */
    public static void write(Path file, Samples samples) {
        if (!samples.isImages() && !samples.isPoints()) {
            throw new IllegalArgumentException("sample: text samples cannot be drawn as " + file);
        }
        Path abs = file.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp.png");
        try {
            if (samples.isImages()) {
                ImageGrid.writePng(tmp, samples.images(), samples.side(), samples.count(), Math.min(COLUMNS, samples.count()));
            } else {
                scatter(tmp, samples.points());
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("sample: cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // nothing more to do: the file is hidden and the next write replaces it
            }
        }
    }

    private static void scatter(Path png, float[] xy) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
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
        String name = png.toString();
        BitmapEncoder.saveBitmap(chart, name.substring(0, name.length() - ".png".length()), BitmapEncoder.BitmapFormat.PNG);
    }
}
