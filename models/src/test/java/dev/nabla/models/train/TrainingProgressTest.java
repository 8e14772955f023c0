package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TrainingProgressTest {

    @Test
    void rendersProgressRateEtaAndTheRunningLoss() {
        List<String> lines = new CopyOnWriteArrayList<>();
        double[] losses = {2.0, 1.0, 0.5};
        double expected;
        try (TrainingProgress bar = new TrainingProgress("epoch 1", 3, lines::add)) {
            for (double l : losses) {
                bar.step(l);
            }
            // bias-corrected EMA with β = 0.98: Σ β^(n−i)(1−β)l_i / (1 − β^n)
            double b = 0.98;
            expected = ((1 - b) * (b * b * 2.0 + b * 1.0 + 0.5)) / (1 - b * b * b);
            assertEquals(expected, bar.runningLoss(), 1e-12);
            assertEquals(3, bar.current());
        }
        String last = lines.get(lines.size() - 1);
        assertTrue(last.contains("epoch 1") && last.contains("100%") && last.contains("3/3"), last);
        assertTrue(last.contains(String.format(java.util.Locale.ROOT, "loss %.4f", expected)), last);
        assertTrue(last.contains("steps/s"), "rate shown: " + last);
    }
}
