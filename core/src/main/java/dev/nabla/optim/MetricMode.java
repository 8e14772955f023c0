package dev.nabla.optim;

/** Whether a monitored metric improves by going down (a loss) or up (an accuracy). */
public enum MetricMode {
    /** Lower is better. */
    MIN,
    /** Higher is better. */
    MAX;

    /** Whether {@code candidate} beats {@code best} by more than {@code margin} (≥ 0). */
    public boolean improves(double candidate, double best, double margin) {
        return this == MIN ? candidate < best - margin : candidate > best + margin;
    }

    /** The worst possible value, to start a search for the best. */
    public double worst() {
        return this == MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
}
