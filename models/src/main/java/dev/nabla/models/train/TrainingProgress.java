package dev.nabla.train;

import java.util.Locale;
import java.util.function.Consumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A console progress bar for a training run (me.tongfei:progressbar): percentage, steps done,
 * elapsed time and ETA, steps per second, and a running loss (an exponential moving average with
 * bias correction, so the first values are not pulled toward zero).
 */
public final class TrainingProgress implements AutoCloseable {

    private static final double SMOOTHING = 0.98;

    private final ProgressBar bar;
    private double average;
    private long losses;

    /** A bar on the console for {@code totalSteps} steps. */
    public TrainingProgress(String task, long totalSteps) {
        this(task, totalSteps, null);
    }

    /**
     * A bar whose rendered lines go to {@code lines} instead of the console (for logs and tests).
     *
     * @param lines receives each rendered line; null for the console
     */
    public TrainingProgress(String task, long totalSteps, Consumer<String> lines) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalSteps).showSpeed()
                .setUnit(" steps", 1).setUpdateIntervalMillis(250);
        if (lines != null) {
            b.setConsumer(new DelegatingProgressBarConsumer(lines, 160));
        }
        this.bar = b.build();
    }

    /** Records one finished step and its loss. */
    public void step(double loss) {
        losses++;
        average = SMOOTHING * average + (1 - SMOOTHING) * loss;
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", runningLoss()));
        bar.step();
    }

    /** The bias-corrected moving average of the losses so far (NaN before any). */
    public double runningLoss() {
        return losses == 0 ? Double.NaN : average / (1 - Math.pow(SMOOTHING, losses));
    }

    /** The number of steps recorded. */
    public long current() {
        return bar.getCurrent();
    }

    /** Renders the final state and releases the console. */
    @Override
    public void close() {
        bar.close();
    }
}
