package dev.nabla.models.train;

import java.util.List;

/**
 * What a generative model produced: square grayscale images, 2-D points, or lines of text.
 *
 * @param images {@code count × side × side} pixels in [0, 1] (empty otherwise)
 * @param side the image side in pixels (0 otherwise)
 * @param points {@code count × 2} coordinates (empty otherwise)
 * @param text the generated lines (empty otherwise)
 */
public record Samples(float[] images, int side, float[] points, List<String> text) {

    /** Square grayscale images. */
    public static Samples images(float[] pixels, int side) {
        return new Samples(pixels, side, new float[0], List.of());
    }

    /** Points in the plane, {@code x0, y0, x1, y1, ...}. */
    public static Samples points(float[] xy) {
        return new Samples(new float[0], 0, xy, List.of());
    }

    /** Lines of text. */
    public static Samples text(List<String> lines) {
        return new Samples(new float[0], 0, new float[0], List.copyOf(lines));
    }

    /** Whether these samples are images. */
    public boolean isImages() {
        return side > 0;
    }

    /** Whether these samples are points in the plane. */
    public boolean isPoints() {
        return points.length > 0;
    }

    /** The number of images, points or lines. */
    public int count() {
        return isImages() ? images.length / (side * side) : isPoints() ? points.length / 2 : text.size();
    }
}
