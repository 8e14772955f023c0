package dev.nabla.models.data;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Saves a batch of square grayscale images as one PNG grid, for looking at a data set. */
public final class ImageGrid {

    private ImageGrid() {
    }

    /**
     * Writes the first {@code count} images, {@code columns} per row, as an 8-bit grayscale PNG.
     *
     * @param file the PNG file to write
     * @param images {@code n × side × side} values in [0, 1] (values outside are clamped)
     * @param side the width and height of one image
     * @param count how many images to draw
     * @param columns images per grid row
     * @throws IllegalArgumentException when the sizes do not fit the array
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void writePng(Path file, float[] images, int side, int count, int columns) {
        try {
            PngFile.write(file, render(images, side, count, columns));
        } catch (IOException e) {
            throw new UncheckedIOException("writePng: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Draws the first {@code count} images, {@code columns} per row, as an 8-bit grayscale image.
     *
     * @throws IllegalArgumentException when the sizes do not fit the array
     */
    public static BufferedImage render(float[] images, int side, int count, int columns) {
        int pixels = side * side;
        if (side <= 0 || count <= 0 || columns <= 0 || (long) count * pixels > images.length) {
            throw new IllegalArgumentException("ImageGrid: " + count + " images of " + side + "x" + side
                    + " in " + columns + " columns do not fit an array of " + images.length + " values");
        }
        int rows = (count + columns - 1) / columns;
        BufferedImage grid = new BufferedImage(columns * side, rows * side, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = grid.getRaster();
        for (int n = 0; n < count; n++) {
            int left = (n % columns) * side;
            int top = (n / columns) * side;
            for (int i = 0; i < pixels; i++) {
                float v = Math.min(1f, Math.max(0f, images[n * pixels + i]));
                raster.setSample(left + i % side, top + i / side, 0, Math.round(v * 255f));
            }
        }
        return grid;
    }
}
