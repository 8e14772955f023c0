package dev.nabla.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.models.console.StatusLine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TrainingProgressTest {

    /** Records what is shown; redraws or not as asked. */
    private static final class Recorder implements StatusLine {
        final List<String> shown = new ArrayList<>();
        final boolean redraws;
        int clears;

        Recorder(boolean redraws) {
            this.redraws = redraws;
        }

        @Override
        public void show(String text) {
            shown.add(text);
        }

        @Override
        public void clear() {
            clears++;
        }

        @Override
        public boolean redraws() {
            return redraws;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void showsProgressRateEtaAndTheBiasCorrectedRunningLoss() {
        Recorder line = new Recorder(false);
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        TrainingProgress progress = new TrainingProgress("epoch 1/2", 0, 8, line, clock::get);
        double[] losses = {2.0, 1.0, 0.5};
        for (double l : losses) {
            clock.addAndGet(250_000_000L);
            progress.step(l);
        }
        // bias-corrected EMA with β = 0.98: Σ β^(n−i)(1−β)l_i / (1 − β^n)
        double b = 0.98;
        double expected = ((1 - b) * (b * b * 2.0 + b * 1.0 + 0.5)) / (1 - b * b * b);
        assertEquals(expected, progress.runningLoss(), 1e-12);
        assertEquals(3, progress.current());
        // 3 steps in 0.75 s: 4 steps/s, not a rate over whole seconds; 5 steps left take 1.25 s
        assertEquals(4.0, progress.stepsPerSecond(), 1e-12);
        assertEquals(String.format(java.util.Locale.ROOT, "epoch 1/2 37%% 3/8  4.00 steps/s  ETA 0:01  loss %.4f", expected),
                line.shown.get(2));
        progress.finish();
        assertEquals(1, line.clears);
    }

    @Test
    void aResumedEpochCountsItsEarlierStepsButNotInTheRate() {
        Recorder line = new Recorder(true);
        AtomicLong clock = new AtomicLong();
        TrainingProgress progress = new TrainingProgress("epoch 3/4", 10, 20, line, clock::get);
        clock.addAndGet(2_000_000_000L);
        progress.step(1.0);
        assertEquals(11, progress.current());
        assertEquals(0.5, progress.stepsPerSecond(), 1e-12);
        assertEquals("epoch 3/4 [###########         ] 55% 11/20  0.500 steps/s  ETA 0:18  loss 1.0000", line.shown.get(0));
    }

    @Test
    void ratesKeepThreeSignificantDigitsAndDurationsGrowHours() {
        assertEquals("0.503", TrainingProgress.rate(0.5034));
        assertEquals("2.50", TrainingProgress.rate(2.5));
        assertEquals("12.3", TrainingProgress.rate(12.34));
        assertEquals("313", TrainingProgress.rate(313.04));
        assertEquals("-", TrainingProgress.rate(Double.NaN));
        assertEquals("0:05", TrainingProgress.duration(4.6));
        assertEquals("1:02:03", TrainingProgress.duration(3723));
        assertTrue(TrainingProgress.duration(59.6).equals("1:00"));
    }
}
