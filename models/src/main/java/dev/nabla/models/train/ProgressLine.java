package dev.nabla.models.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line text progress bar for an epoch, redrawn in place with a carriage return and ended
 * with the epoch's summary: {@code epoch 3/10 [=======>    ] 120/200 loss 0.4312 4.1 it/s}.
 */
final class ProgressLine {

    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintStream out;
    private final String label;
    private final int total;
    private final long start = System.nanoTime();
    private long lastDraw;
    private double lossSum;
    private int count;
    private int done;

    ProgressLine(PrintStream out, int epoch, int epochs, int total) {
        this.out = out;
        this.label = String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs);
        this.total = total;
    }

    void update(int done, double loss) {
        this.done = done;
        lossSum += loss;
        count++;
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            out.print("\r" + line());
            out.flush();
        }
    }

    void finish(String summary) {
        out.println("\r" + line() + "  " + summary);
    }

    private String line() {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "%s [%s] %d/%d loss %.4f %.1f it/s", label, bar, done, total,
                count == 0 ? Double.NaN : lossSum / count, seconds > 0 ? count / seconds : 0.0);
    }
}
