package dev.nabla.models.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * A minimal PNG plot of one series of (x, y) values, as a line (loss curves) or as dots (2-D
 * samples), with the axis ranges printed at the corners. Drawn with java.awt, headless.
 */
final class Plot {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int MARGIN = 50;

    private Plot() {
    }

    /** Draws {@code xy} (pairs) as a line when {@code line}, else as dots, under {@code title}. */
    static BufferedImage draw(String title, List<double[]> xy, boolean line) {
        System.setProperty("java.awt.headless", "true");
        double[] range = range(xy);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(MARGIN, MARGIN, WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN);
        g.drawString(title, MARGIN, MARGIN - 20);
        g.drawString(label(range[3]), 2, MARGIN + 5);
        g.drawString(label(range[2]), 2, HEIGHT - MARGIN);
        g.drawString(label(range[0]), MARGIN, HEIGHT - MARGIN + 18);
        g.drawString(label(range[1]), WIDTH - MARGIN - 40, HEIGHT - MARGIN + 18);
        g.setColor(new Color(31, 119, 180));
        g.setStroke(new BasicStroke(1.5f));
        int[] previous = null;
        for (double[] p : xy) {
            int[] pixel = {px(p[0], range[0], range[1], WIDTH, false), px(p[1], range[2], range[3], HEIGHT, true)};
            if (!line) {
                g.fillOval(pixel[0] - 2, pixel[1] - 2, 4, 4);
            } else if (previous != null) {
                g.drawLine(previous[0], previous[1], pixel[0], pixel[1]);
            }
            previous = pixel;
        }
        g.dispose();
        return image;
    }

    /** {@code [xmin, xmax, ymin, ymax]} of the finite points, widened where a range is empty. */
    private static double[] range(List<double[]> xy) {
        double[] r = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] p : xy) {
            if (Double.isFinite(p[0]) && Double.isFinite(p[1])) {
                r[0] = Math.min(r[0], p[0]);
                r[1] = Math.max(r[1], p[0]);
                r[2] = Math.min(r[2], p[1]);
                r[3] = Math.max(r[3], p[1]);
            }
        }
        for (int i = 0; i < 4; i += 2) {
            if (!(r[i] < r[i + 1])) {
                double mid = r[i] <= r[i + 1] ? r[i] : 0;
                r[i] = mid - 1;
                r[i + 1] = mid + 1;
            }
        }
        return r;
    }

    private static int px(double v, double lo, double hi, int size, boolean flip) {
        double t = (v - lo) / (hi - lo);
        double pos = MARGIN + t * (size - 2 * MARGIN);
        return (int) Math.round(flip ? size - pos : pos);
    }

    private static String label(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
