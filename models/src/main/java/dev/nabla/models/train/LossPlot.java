package dev.nabla.models.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Draws the training loss against the step as {@code loss.png}, smoothed so the trend is visible. */
final class LossPlot {

    /** Points drawn at most; longer runs are averaged into this many buckets. */
    private static final int MAX_POINTS = 400;

    private LossPlot() {
    }

    static void write(Path file, String model, List<double[]> stepLoss) {
        int bucket = Math.max(1, (stepLoss.size() + MAX_POINTS - 1) / MAX_POINTS);
        List<double[]> smooth = new ArrayList<>();
        for (int from = 0; from < stepLoss.size(); from += bucket) {
            int to = Math.min(stepLoss.size(), from + bucket);
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += stepLoss.get(i)[1];
            }
            smooth.add(new double[] {stepLoss.get(to - 1)[0], sum / (to - from)});
        }
        SampleWriter.writePlot(file, Plot.draw(model + ": training loss by step", smooth, true));
    }
}
