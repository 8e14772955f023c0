package dev.nabla.models.train;

import dev.nabla.models.data.ImageGrid;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Writes samples and plots as PNG files, each atomically (a temporary file renamed into place). */
public final class SampleWriter {

    private static final int COLUMNS = 8;

    private SampleWriter() {
    }

    /**
     * Writes image samples as a grid, or point samples as a scatter plot.
     *
     * @throws IllegalArgumentException for text samples, which have no picture
     */
    public static void writeGrid(Path file, Samples samples) {
        if (samples.isImages()) {
            atomically(file, tmp -> ImageGrid.writePng(tmp, samples.images(), samples.side(), samples.count(),
                    Math.min(COLUMNS, samples.count())));
        } else if (samples.isPoints()) {
            List<double[]> xy = new ArrayList<>();
            for (int i = 0; i + 1 < samples.points().length; i += 2) {
                xy.add(new double[] {samples.points()[i], samples.points()[i + 1]});
            }
            writePlot(file, Plot.draw(samples.count() + " samples", xy, false));
        } else {
            throw new IllegalArgumentException("sample: text samples cannot be written as a PNG (" + file + ")");
        }
    }

    /** Writes a rendered plot to {@code file}. */
    static void writePlot(Path file, BufferedImage image) {
        atomically(file, tmp -> {
            try {
                ImageIO.write(image, "png", tmp.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("plot: cannot write " + file, e);
            }
        });
    }

    /** Runs {@code writer} on a temporary sibling of {@code file}, then renames it over {@code file}. */
    static void atomically(Path file, java.util.function.Consumer<Path> writer) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            writer.accept(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and harmless
                }
            }
        }
    }
}
