package dev.nabla.models.train;

import dev.nabla.models.console.StatusLine;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of one epoch on a {@link StatusLine}: steps done, percentage, steps per second and the
 * time left (from the nanosecond clock, not whole seconds), and a running loss: an exponential moving
 * average with bias correction, so the first values are not pulled toward zero. A bar is drawn only
 * where the line is redrawn in place.
 */
public final class TrainingProgress {

    private static final double SMOOTHING = 0.98;
    private static final int BAR = 20;

    private final String task;
    private final int total;
    private final StatusLine line;
    private final LongSupplier clock;
    private final long start;
    private int current;
    private int stepped;
    private double average;

    /**
     * Progress of {@code task} with {@code from} of {@code total} steps already done (a resumed epoch).
     *
     * @param clock a nanosecond clock ({@code System::nanoTime})
     */
    public TrainingProgress(String task, int from, int total, StatusLine line, LongSupplier clock) {
        this.task = task;
        this.total = total;
        this.current = from;
        this.line = line;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** Records one finished step and its loss, and shows the new status. */
    public void step(double loss) {
        current++;
        stepped++;
        average = SMOOTHING * average + (1 - SMOOTHING) * loss;
        line.show(text());
    }

    /** The bias-corrected moving average of the losses so far (NaN before any). */
    public double runningLoss() {
        return stepped == 0 ? Double.NaN : average / (1 - Math.pow(SMOOTHING, stepped));
    }

    /** The steps of the epoch done, counting those before a resume. */
    public int current() {
        return current;
    }

    /** Seconds since this progress started. */
    public double seconds() {
        return (clock.getAsLong() - start) / 1e9;
    }

    /** Steps recorded here per second (NaN before any time has passed). */
    public double stepsPerSecond() {
        double seconds = seconds();
        return seconds > 0 ? stepped / seconds : Double.NaN;
    }

    /** The status, e.g. {@code epoch 2/4 [#####     ] 45% 123/273  12.3 steps/s  ETA 0:12  loss 0.0973}. */
    public String text() {
        StringBuilder sb = new StringBuilder(task).append(' ');
        int percent = total == 0 ? 100 : (int) (100L * current / total);
        if (line.redraws()) {
            int filled = total == 0 ? BAR : (int) ((long) BAR * current / total);
            sb.append('[').append("#".repeat(filled)).append(" ".repeat(BAR - filled)).append("] ");
        }
        sb.append(percent).append("% ").append(current).append('/').append(total);
        double rate = stepsPerSecond();
        sb.append("  ").append(rate(rate)).append(" steps/s");
        if (rate > 0) {
            sb.append("  ETA ").append(duration((total - current) / rate));
        }
        if (stepped > 0) {
            sb.append(String.format(Locale.ROOT, "  loss %.4f", runningLoss()));
        }
        return sb.toString();
    }

    /** Takes the status off the screen (the epoch's summary line follows). */
    public void finish() {
        line.clear();
    }

    /** A rate with three significant digits or so: {@code 0.503}, {@code 12.3}, {@code 313}. */
    static String rate(double perSecond) {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            return "-";
        }
        String format = perSecond >= 100 ? "%.0f" : perSecond >= 10 ? "%.1f" : perSecond >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, format, perSecond);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour up. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
