package dev.nabla.models.data;

import java.awt.Font;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prototype shapes of the ten digits, built once: outlines of the JDK's logical fonts (filled
 * when drawn) and hand-placed pen strokes (stroked when drawn, for a hand-written look). Every
 * shape is normalised to height 1 and centred on the origin, y pointing down.
 */
final class DigitGlyphs {

    /**
     * One prototype.
     *
     * @param shape the outline or pen path, height 1, centred on the origin
     * @param pen true when the shape is a centre line to stroke, false when it is an outline to fill
     */
    record Glyph(Shape shape, boolean pen) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(DigitGlyphs.class);
    private static final String[] FAMILIES = {Font.SERIF, Font.SANS_SERIF, Font.MONOSPACED, Font.DIALOG};
    private static final int[] STYLES = {Font.PLAIN, Font.BOLD, Font.ITALIC};

    private static final DigitGlyphs INSTANCE = new DigitGlyphs();

    private final List<List<Glyph>> fontGlyphs = new ArrayList<>();
    private final List<List<Glyph>> penGlyphs = new ArrayList<>();

    private DigitGlyphs() {
        for (int digit = 0; digit < 10; digit++) {
            fontGlyphs.add(fontOutlines(digit));
            List<Glyph> pens = new ArrayList<>();
            for (Shape path : PenStrokes.of(digit)) {
                pens.add(new Glyph(normalise(path), true));
            }
            penGlyphs.add(pens);
        }
    }

    /** @return the shared prototypes */
    static DigitGlyphs get() {
        return INSTANCE;
    }

    /**
     * @param digit 0..9
     * @return the font outlines of that digit; empty when the JDK has no usable fonts
     */
    List<Glyph> fonts(int digit) {
        return fontGlyphs.get(digit);
    }

    /**
     * @param digit 0..9
     * @return the pen-stroke prototypes of that digit (always at least one)
     */
    List<Glyph> pens(int digit) {
        return penGlyphs.get(digit);
    }

    private static List<Glyph> fontOutlines(int digit) {
        List<Glyph> glyphs = new ArrayList<>();
        FontRenderContext context = new FontRenderContext(null, true, true);
        for (String family : FAMILIES) {
            for (int style : STYLES) {
                try {
                    Shape outline = new Font(family, style, 100)
                            .createGlyphVector(context, Character.toString('0' + digit)).getOutline();
                    if (!outline.getBounds2D().isEmpty()) {
                        glyphs.add(new Glyph(normalise(outline), false));
                    }
                } catch (RuntimeException | Error e) {
                    // A JDK without fonts fails here in several ways; pen strokes still work.
                    LOG.warn("Font {} style {} unusable for digit glyphs ({}); using pen strokes only",
                            family, style, e.toString());
                    return List.of();
                }
            }
        }
        return glyphs;
    }

    /** Scales a shape to height 1 and moves the centre of its bounding box to the origin. */
    private static Shape normalise(Shape shape) {
        Rectangle2D bounds = shape.getBounds2D();
        double scale = 1.0 / bounds.getHeight();
        AffineTransform t = AffineTransform.getScaleInstance(scale, scale);
        t.translate(-bounds.getCenterX(), -bounds.getCenterY());
        return new Path2D.Double(shape, t);
    }

    /** Centre lines of hand-written digits in a box 0.6 wide and 1 high around the origin. */
    private static final class PenStrokes {

        private PenStrokes() {
        }

        static List<Shape> of(int digit) {
            return switch (digit) {
                case 0 -> List.of(new Ellipse2D.Double(-0.28, -0.5, 0.56, 1.0));
                case 1 -> List.of(line(0.05, -0.5, 0.05, 0.5), path(-0.15, -0.3, 0.05, -0.5, 0.05, 0.5));
                case 2 -> List.of(two());
                case 3 -> List.of(three());
                case 4 -> List.of(path(0.12, 0.5, 0.12, -0.5, -0.28, 0.2, 0.3, 0.2), openFour());
                case 5 -> List.of(five());
                case 6 -> List.of(six());
                case 7 -> List.of(path(-0.27, -0.5, 0.28, -0.5, -0.05, 0.5), crossedSeven());
                case 8 -> List.of(eight());
                case 9 -> List.of(nine(false), nine(true));
                default -> throw new IllegalArgumentException("digit " + digit + " is not in 0..9");
            };
        }

        private static Path2D line(double x0, double y0, double x1, double y1) {
            return path(x0, y0, x1, y1);
        }

        /** A polyline through the given x, y pairs. */
        private static Path2D path(double... xy) {
            Path2D.Double p = new Path2D.Double();
            p.moveTo(xy[0], xy[1]);
            for (int i = 2; i < xy.length; i += 2) {
                p.lineTo(xy[i], xy[i + 1]);
            }
            return p;
        }

        private static Path2D two() {
            Path2D.Double p = new Path2D.Double();
            p.moveTo(-0.25, -0.28);
            p.curveTo(-0.2, -0.58, 0.3, -0.58, 0.25, -0.2);
            p.curveTo(0.2, 0.05, -0.2, 0.3, -0.27, 0.5);
            p.lineTo(0.28, 0.5);
            return p;
        }

        private static Path2D three() {
            Path2D.Double p = new Path2D.Double();
            p.moveTo(-0.25, -0.38);
            p.curveTo(-0.1, -0.6, 0.3, -0.5, 0.22, -0.25);
            p.curveTo(0.18, -0.08, 0.0, -0.03, -0.07, -0.02);
            p.curveTo(0.3, -0.02, 0.35, 0.35, 0.1, 0.47);
            p.curveTo(-0.05, 0.55, -0.22, 0.48, -0.28, 0.38);
            return p;
        }

        private static Path2D openFour() {
            Path2D p = path(-0.22, -0.5, -0.25, 0.1, 0.28, 0.1);
            p.append(line(0.12, -0.3, 0.12, 0.5), false);
            return p;
        }

        private static Path2D five() {
            Path2D p = path(0.25, -0.5, -0.2, -0.5, -0.24, -0.05);
            p.curveTo(0.05, -0.2, 0.32, -0.05, 0.28, 0.2);
            p.curveTo(0.25, 0.5, -0.1, 0.58, -0.28, 0.38);
            return p;
        }

        private static Path2D six() {
            Path2D.Double p = new Path2D.Double();
            p.moveTo(0.2, -0.5);
            p.curveTo(-0.1, -0.4, -0.3, -0.1, -0.28, 0.2);
            p.curveTo(-0.27, 0.52, 0.28, 0.55, 0.27, 0.2);
            p.curveTo(0.26, -0.1, -0.2, -0.1, -0.28, 0.15);
            return p;
        }

        private static Path2D crossedSeven() {
            Path2D p = path(-0.27, -0.5, 0.28, -0.5, -0.05, 0.5);
            p.append(line(-0.08, 0.0, 0.22, 0.0), false);
            return p;
        }

        private static Path2D eight() {
            Path2D.Double p = new Path2D.Double();
            p.append(new Ellipse2D.Double(-0.2, -0.5, 0.4, 0.48), false);
            p.append(new Ellipse2D.Double(-0.25, -0.02, 0.5, 0.52), false);
            return p;
        }

        private static Path2D nine(boolean straightStem) {
            Path2D.Double p = new Path2D.Double();
            p.append(new Ellipse2D.Double(-0.24, -0.5, 0.48, 0.52), false);
            p.moveTo(0.24, -0.24);
            if (straightStem) {
                p.lineTo(0.2, 0.5);
            } else {
                p.curveTo(0.25, 0.2, 0.15, 0.45, -0.15, 0.5);
            }
            return p;
        }
    }
}
