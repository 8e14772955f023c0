package dev.nabla.models.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws one distorted digit into a 28×28 image, MNIST style: the glyph is about 19 pixels high,
 * randomly rotated, scaled, stretched, sheared and thickened, its centre of mass is placed at the
 * image centre plus a random shift, and Gaussian noise is added. Not thread-safe: it owns its
 * canvases, so use one per thread.
 */
final class DigitRenderer {

    /** Side of the output images in pixels. */
    static final int SIZE = 28;

    private static final int MEASURE_SIZE = 40;
    private static final double BASE_HEIGHT = 19;
    private static final double MAX_ROTATION = Math.toRadians(15);
    private static final double MAX_SHIFT = 3;
    private static final double MAX_NOISE = 0.08;

    private final DigitGlyphs glyphs = DigitGlyphs.get();
    private final BufferedImage measureCanvas = new BufferedImage(MEASURE_SIZE, MEASURE_SIZE, BufferedImage.TYPE_BYTE_GRAY);
    private final BufferedImage outputCanvas = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);

    /**
     * Renders one sample of a digit.
     *
     * @param digit the class, 0..9
     * @param random the source of every random choice for this sample
     * @param out receives {@code 28 × 28} values in [0, 1]
     * @param offset where in {@code out} the image starts
     */
    void render(int digit, SplittableRandom random, float[] out, int offset) {
        List<DigitGlyphs.Glyph> fonts = glyphs.fonts(digit);
        List<DigitGlyphs.Glyph> pens = glyphs.pens(digit);
        boolean usePen = fonts.isEmpty() || random.nextBoolean();
        List<DigitGlyphs.Glyph> pool = usePen ? pens : fonts;
        DigitGlyphs.Glyph glyph = pool.get(random.nextInt(pool.size()));

        double height = BASE_HEIGHT * random.nextDouble(0.8, 1.15);
        AffineTransform shape = new AffineTransform();
        shape.rotate(random.nextDouble(-MAX_ROTATION, MAX_ROTATION));
        shape.shear(random.nextDouble(-0.3, 0.3), 0);
        shape.scale(height * random.nextDouble(0.8, 1.15), height);
        Shape outline = shape.createTransformedShape(glyph.shape());
        float strokeWidth = (float) (glyph.pen() ? random.nextDouble(1.4, 3.0) : random.nextDouble(0.0, 1.4));

        // Draw once to find the centre of mass, then again so that it lands at the shifted centre.
        double half = MEASURE_SIZE / 2.0;
        byte[] measured = draw(measureCanvas, outline, glyph.pen(), strokeWidth, half, half);
        double[] mass = centreOfMass(measured, MEASURE_SIZE);
        double targetX = SIZE / 2.0 + random.nextDouble(-MAX_SHIFT, MAX_SHIFT);
        double targetY = SIZE / 2.0 + random.nextDouble(-MAX_SHIFT, MAX_SHIFT);
        byte[] pixels = draw(outputCanvas, outline, glyph.pen(), strokeWidth,
                half + targetX - mass[0], half + targetY - mass[1]);

        double noise = random.nextDouble(0, MAX_NOISE);
        for (int i = 0; i < pixels.length; i++) {
            double v = Byte.toUnsignedInt(pixels[i]) / 255.0 + noise * random.nextGaussian();
            out[offset + i] = (float) Math.min(1.0, Math.max(0.0, v));
        }
    }

    private static byte[] draw(BufferedImage canvas, Shape outline, boolean pen, float strokeWidth, double x, double y) {
        byte[] pixels = ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        Arrays.fill(pixels, (byte) 0);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            Shape placed = AffineTransform.getTranslateInstance(x, y).createTransformedShape(outline);
            if (!pen) {
                g.fill(placed);
            }
            if (strokeWidth > 0) {
                g.setStroke(new BasicStroke(strokeWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(placed);
            }
        } finally {
            g.dispose();
        }
        return pixels;
    }

    /** @return {x, y} of the intensity-weighted mean pixel position (pixel centres at +0.5) */
    private static double[] centreOfMass(byte[] pixels, int side) {
        double total = 0;
        double sumX = 0;
        double sumY = 0;
        for (int i = 0; i < pixels.length; i++) {
            int v = Byte.toUnsignedInt(pixels[i]);
            total += v;
            sumX += v * (i % side + 0.5);
            sumY += v * (i / side + 0.5);
        }
        return total == 0 ? new double[] {side / 2.0, side / 2.0} : new double[] {sumX / total, sumY / total};
    }
}
